/*
 * The runner's workflow commands the Action uses, written as @actions/core 3.0.1 writes them
 * (MIT License, Copyright 2019 GitHub: https://github.com/actions/toolkit/tree/main/packages/core).
 * @actions/core imports its OIDC client, and with it an HTTP client and undici, on load: the
 * largest share of the Action's start, for a feature the Action never uses. Only these few
 * commands are needed, so they are here; the REST client loads its own copy when it publishes.
 */
import { randomUUID } from 'node:crypto'
import { constants, existsSync, appendFileSync } from 'node:fs'
import { access, appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'

/** Where an annotation points (core's AnnotationProperties, the part the Action uses). */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

function toCommandValue(input: unknown): string {
  if (input === null || input === undefined) return ''
  if (typeof input === 'string' || input instanceof String) return input as string
  return JSON.stringify(input)
}

function escapeData(s: unknown): string {
  return toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(s: unknown): string {
  return toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function issueCommand(command: string, properties: Record<string, unknown>, message: unknown): void {
  let line = `::${command}`
  const props = Object.entries(properties).filter(([, v]) => v)
  if (Object.keys(properties).length > 0) line += ' ' + props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')
  process.stdout.write(`${line}::${escapeData(message)}${EOL}`)
}

function annotationProperties(p: AnnotationProperties): Record<string, unknown> {
  if (Object.keys(p).length === 0) return {}
  return { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn }
}

/** An input of the step (`INPUT_<NAME>`), trimmed; empty when not given. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim()
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function warning(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand('warning', annotationProperties(properties), message instanceof Error ? message.toString() : message)
}

export function error(message: string | Error, properties: AnnotationProperties = {}): void {
  issueCommand('error', annotationProperties(properties), message instanceof Error ? message.toString() : message)
}

/** Fails the step: exit code 1 and an error annotation. */
export function setFailed(message: string | Error): void {
  process.exitCode = 1
  error(message)
}

/** Masks a value in the log from now on. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function setOutput(name: string, value: unknown): void {
  const filePath = process.env.GITHUB_OUTPUT || ''
  if (filePath) {
    const delimiter = `ghadelimiter_${randomUUID()}`
    const converted = toCommandValue(value)
    if (name.includes(delimiter)) throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
    if (converted.includes(delimiter)) throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
    if (!existsSync(filePath)) throw new Error(`Missing file at path: ${filePath}`)
    appendFileSync(filePath, `${name}<<${delimiter}${EOL}${converted}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' })
    return
  }
  process.stdout.write(EOL)
  issueCommand('set-output', { name }, toCommandValue(value))
}

/** Appends to the job summary (`core.summary.addRaw(text).write()`). */
export async function appendSummary(text: string): Promise<void> {
  const filePath = process.env.GITHUB_STEP_SUMMARY
  if (!filePath) throw new Error('Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.')
  try {
    await access(filePath, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(`Unable to access summary file: '${filePath}'. Check if the file has correct read/write permissions.`)
  }
  await appendFile(filePath, text, { encoding: 'utf8' })
}
