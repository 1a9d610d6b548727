/*
 * Real-looking positives that are left unredacted on purpose, each with the reason. They stay
 * in recall (counted as missed); the report prints the reason beside the rule, so a miss that
 * is a decision reads differently from one that is not.
 */
export const LEFT_ON_PURPOSE: Readonly<Record<string, string>> = {
  'detect-secrets HexHighEntropyString': 'a quoted run of 32 hex digits with no key is an MD5 digest to any reader; hashes are never redacted',
  'detect-secrets Base64HighEntropyString':
    'a quoted base64 string with no key is as often a digest, an integrity hash or encoded text (one of the two cases decodes to an English sentence)',
  'gitleaks gcp-service-account':
    'the rule reports the "type": "service_account" marker of a key file, which holds no secret; the key in such a file is found by private-key',
  'secretlint aws/AWSAccountID': 'an AWS account id is an identifier, not a credential, and 0000-0000-0000 is a placeholder'
}
