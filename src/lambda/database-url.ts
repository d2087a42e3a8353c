// Where the Lambda functions get their connection string: an SSM SecureString read and decrypted at init, so the
// password never sits in the function's configuration (readable with lambda:GetFunctionConfiguration).

/** How long Powertools keeps the value, in seconds: a container reads it once at init and a later call reuses it. */
const MAX_AGE_SECONDS = 300;

/**
 * Sets DATABASE_URL from the SSM parameter that DATABASE_URL_PARAMETER names, decrypted, when it names one. The
 * database modules read DATABASE_URL when first imported: call this before importing them.
 */
export async function loadDatabaseUrl(env: Record<string, string | undefined> = process.env): Promise<void> {
  const name = env.DATABASE_URL_PARAMETER;
  if (!name) return;
  // Loaded only when used: the AWS SDK's SSM client is most of what this costs at init.
  const { getParameter } = await import('@aws-lambda-powertools/parameters/ssm');
  const value = await getParameter(name, { decrypt: true, maxAge: MAX_AGE_SECONDS });
  if (!value) throw new Error(`the SSM parameter ${name} (DATABASE_URL_PARAMETER) is empty`);
  env.DATABASE_URL = value;
}
