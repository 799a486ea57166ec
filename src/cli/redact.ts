/**
 * Debug output (a stack trace with its error's message) is the one place raw library text
 * reaches the terminal. Before it does, the values of credential variables in the environment
 * and any echoed AWS session token are replaced, so TRAFFICPORT_DEBUG never prints a secret.
 */
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|ACCESS_KEY|CREDENTIAL|PRIVATE_KEY|CONNECTION_STRING)/i;

/** Shorter values (flags like "1", "true") would redact ordinary words. */
const MIN_SECRET_LENGTH = 8;

export function redactSecrets(text: string, env: Readonly<Record<string, string | undefined>>): string {
  const secrets = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length >= MIN_SECRET_LENGTH)
    .map(([, value]) => value as string)
    .sort((a, b) => b.length - a.length);
  let redacted = text.replace(/(x-amz-security-token\s*[:=]\s*)[^\s&'"<]+/gi, '$1[redacted]');
  for (const secret of secrets) {
    for (const form of new Set([secret, encodeURIComponent(secret)]))
      redacted = redacted.split(form).join('[redacted]');
  }
  return redacted;
}
