import type { Detector } from '../../types.js'
import { adobeDetectors } from './adobe.js'
import { ageDetectors } from './age.js'
import { airtableDetectors } from './airtable.js'
import { alibabaDetectors } from './alibaba.js'
import { anthropicDetectors } from './anthropic.js'
import { artifactoryDetectors } from './artifactory.js'
import { atlassianDetectors } from './atlassian.js'
import { awsDetectors } from './aws.js'
import { azureDetectors } from './azure.js'
import { brevoDetectors } from './brevo.js'
import { clickhouseDetectors } from './clickhouse.js'
import { clojarsDetectors } from './clojars.js'
import { cloudflareDetectors } from './cloudflare.js'
import { databricksDetectors } from './databricks.js'
import { datadogDetectors } from './datadog.js'
import { digitaloceanDetectors } from './digitalocean.js'
import { discordDetectors } from './discord.js'
import { dockerDetectors } from './docker.js'
import { dopplerDetectors } from './doppler.js'
import { duffelDetectors } from './duffel.js'
import { dynatraceDetectors } from './dynatrace.js'
import { easypostDetectors } from './easypost.js'
import { facebookDetectors } from './facebook.js'
import { figmaDetectors } from './figma.js'
import { flutterwaveDetectors } from './flutterwave.js'
import { flyioDetectors } from './flyio.js'
import { frameioDetectors } from './frameio.js'
import { githubDetectors } from './github.js'
import { gitlabDetectors } from './gitlab.js'
import { googleDetectors } from './google.js'
import { grafanaDetectors } from './grafana.js'
import { groqDetectors } from './groq.js'
import { harnessDetectors } from './harness.js'
import { hashicorpDetectors } from './hashicorp.js'
import { herokuDetectors } from './heroku.js'
import { huggingfaceDetectors } from './huggingface.js'
import { infracostDetectors } from './infracost.js'
import { intra42Detectors } from './intra42.js'
import { linearDetectors } from './linear.js'
import { mailchimpDetectors } from './mailchimp.js'
import { mailgunDetectors } from './mailgun.js'
import { mapboxDetectors } from './mapbox.js'
import { maxmindDetectors } from './maxmind.js'
import { microsoftTeamsDetectors } from './microsoft-teams.js'
import { newrelicDetectors } from './newrelic.js'
import { notionDetectors } from './notion.js'
import { npmDetectors } from './npm.js'
import { nugetDetectors } from './nuget.js'
import { onepasswordDetectors } from './onepassword.js'
import { openaiDetectors } from './openai.js'
import { openshiftDetectors } from './openshift.js'
import { perplexityDetectors } from './perplexity.js'
import { planetscaleDetectors } from './planetscale.js'
import { postmanDetectors } from './postman.js'
import { prefectDetectors } from './prefect.js'
import { pulumiDetectors } from './pulumi.js'
import { pypiDetectors } from './pypi.js'
import { readmeDetectors } from './readme.js'
import { replicateDetectors } from './replicate.js'
import { rubygemsDetectors } from './rubygems.js'
import { scalingoDetectors } from './scalingo.js'
import { sendgridDetectors } from './sendgrid.js'
import { sentryDetectors } from './sentry.js'
import { settlemintDetectors } from './settlemint.js'
import { shippoDetectors } from './shippo.js'
import { shopifyDetectors } from './shopify.js'
import { sidekiqDetectors } from './sidekiq.js'
import { kubernetesDetectors } from './kubernetes.js'
import { slackDetectors } from './slack.js'
import { sourcegraphDetectors } from './sourcegraph.js'
import { squareDetectors } from './square.js'
import { stripeDetectors } from './stripe.js'
import { sumologicDetectors } from './sumologic.js'
import { tailscaleDetectors } from './tailscale.js'
import { telegramDetectors } from './telegram.js'
import { twilioDetectors } from './twilio.js'
import { vercelDetectors } from './vercel.js'

/*
 * Prefix-and-shape rules, one file per provider family. Many patterns are adapted from gitleaks'
 * rules (https://github.com/gitleaks/gitleaks, cmd/generate/config/rules; MIT License,
 * Copyright (c) 2019 Zachary Rice); the others follow GitHub's secret-scanning pattern list and
 * the providers' own token documentation. Upper bounds are generous so a token with a
 * longer-than-documented body still goes, but every repetition is bounded and anchored so
 * matching stays linear.
 *
 * The order is stable: the families of the first release, then those added from the catalogues.
 */
export const providerTokenDetectors: Detector[] = [
  ...awsDetectors,
  ...githubDetectors,
  ...gitlabDetectors,
  ...slackDetectors,
  ...stripeDetectors,
  ...anthropicDetectors,
  ...openaiDetectors,
  ...googleDetectors,
  ...npmDetectors,
  ...pypiDetectors,
  ...huggingfaceDetectors,
  ...twilioDetectors,
  ...sendgridDetectors,
  ...mailgunDetectors,
  ...datadogDetectors,
  ...sentryDetectors,
  ...azureDetectors,
  ...digitaloceanDetectors,
  ...shopifyDetectors,
  ...sidekiqDetectors,
  ...kubernetesDetectors,
  ...discordDetectors,
  ...telegramDetectors,
  ...herokuDetectors,
  ...dopplerDetectors,
  ...vercelDetectors,
  ...linearDetectors,
  ...notionDetectors,
  ...atlassianDetectors,
  ...grafanaDetectors,
  ...newrelicDetectors,
  ...postmanDetectors,
  ...databricksDetectors,
  ...groqDetectors,
  ...replicateDetectors,
  ...hashicorpDetectors,
  ...ageDetectors,
  ...squareDetectors,
  ...mapboxDetectors,
  ...pulumiDetectors,
  ...planetscaleDetectors,
  ...easypostDetectors,
  ...tailscaleDetectors,
  ...flyioDetectors,
  ...nugetDetectors,
  ...sumologicDetectors,
  ...facebookDetectors,
  ...onepasswordDetectors,
  ...adobeDetectors,
  ...airtableDetectors,
  ...alibabaDetectors,
  ...artifactoryDetectors,
  ...brevoDetectors,
  ...clickhouseDetectors,
  ...clojarsDetectors,
  ...cloudflareDetectors,
  ...dockerDetectors,
  ...duffelDetectors,
  ...dynatraceDetectors,
  ...figmaDetectors,
  ...flutterwaveDetectors,
  ...frameioDetectors,
  ...harnessDetectors,
  ...infracostDetectors,
  ...intra42Detectors,
  ...mailchimpDetectors,
  ...maxmindDetectors,
  ...microsoftTeamsDetectors,
  ...openshiftDetectors,
  ...perplexityDetectors,
  ...prefectDetectors,
  ...readmeDetectors,
  ...rubygemsDetectors,
  ...scalingoDetectors,
  ...settlemintDetectors,
  ...shippoDetectors,
  ...sourcegraphDetectors
]
