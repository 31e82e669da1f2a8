import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  classifyEnvValue,
  nameLooksSecret,
  valueLooksLikeCredential,
} from '../../src/settings/secret-like.js';
import { registerInputSecrets } from '../../src/settings/secrets.js';
import { SecretRegistry } from '../../src/shared/secrets.js';

const RANDOM_BASE62 = 'q7Xk2LmP9vR4tZ8wB3nJ6yH1cF5gD0sA';

describe('classifyEnvValue: settings are not secrets', () => {
  it.each([
    ['CLAUDE_CODE_USE_BEDROCK', '1'],
    ['CLAUDE_CODE_USE_VERTEX', 'true'],
    ['AWS_REGION', 'us-east-1'],
    ['CLOUD_ML_REGION', 'us-east5'],
    ['ANTHROPIC_MODEL', 'claude-sonnet-4-5-20250929'],
    ['ANTHROPIC_MODEL', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0'],
    ['OPENAI_MODEL', 'gpt-5-codex'],
    ['GEMINI_MODEL', 'gemini-2.5-pro'],
    ['OPENAI_BASE_URL', 'https://api.example.com/v1'],
    ['ANTHROPIC_BEDROCK_BASE_URL', 'https://bedrock-runtime.us-east-1.amazonaws.com'],
    ['HTTPS_PROXY', 'http://127.0.0.1:8080/proxy'],
    ['NODE_EXTRA_CA_CERTS', '/etc/ssl/certs/ca-certificates.crt'],
    ['ANTHROPIC_VERTEX_PROJECT_ID', 'my-gcp-project-123456'],
    ['AWS_ROLE_ARN', 'arn:aws:iam::123456789012:role/BedrockInvokeRole'],
    ['PROJECT_NAME', 'AnthropicVertexProjectName'],
    ['CLAUDE_CODE_MAX_OUTPUT_TOKENS', '32000'],
    ['LANG', 'en_US.UTF-8'],
    ['BUILD_TIME', '2025-09-29T12:00:00Z'],
    ['EMPTY', ''],
  ])('%s=%s is a setting', (name, value) => {
    expect(classifyEnvValue(name, value)).toBe('setting');
  });
});

describe('classifyEnvValue: secrets keep every protection', () => {
  it.each([
    ['ANTHROPIC_API_KEY', 'sk-ant-api03-abcdefghijklmnop'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['AWS_SESSION_TOKEN', 'plain-looking-session'],
    ['GH_PAT', 'whatever-its-shape'],
    ['DB_PASSWORD', 'correct horse battery staple'],
    ['dbPassword', 'hunter22'],
    ['OPENAIKEY', 'not-random-at-all'],
    ['CLAUDE_CODE_OAUTH_TOKEN', 'oauth-tttttttttttttttttttt'],
    ['SESSION_COOKIE', 'abcdefgh'],
    ['CLIENT_CERT', '/run/cert.pem'],
    ['WEBHOOK_SIGNATURE', 'sha256=abcdef'],
    ['PRIVATE_REGISTRY', 'registry.internal'],
    ['BASIC_AUTH', 'user:pass'],
    ['MODAL_CREDENTIALS', 'something'],
  ])('%s (secret name) is a secret whatever its value', (name, value) => {
    expect(nameLooksSecret(name)).toBe(true);
    expect(classifyEnvValue(name, value)).toBe('secret');
  });

  it.each([
    ['sk-ant-api03-Zx9ModelKeyValue01'],
    ['sk-proj-abcdefghijklmnopqrst'],
    [`ghp_${'a'.repeat(36)}`],
    [`github_pat_${'B'.repeat(30)}`],
    ['AKIAIOSFODNN7EXAMPLE'],
    [`AIza${'E'.repeat(35)}`],
    ['xai-abcdefghijklmnopqrst'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig'],
    ['https://user:p4ssw0rd@proxy.example.com:8080'],
    [RANDOM_BASE62],
    [randomBytes(20).toString('hex')],
    [randomBytes(30).toString('base64')],
    [randomUUID()],
  ])('a credential-shaped value under an innocent name is a secret: %s', (value) => {
    expect(valueLooksLikeCredential(value)).toBe(true);
    expect(classifyEnvValue('MY_SETTING', value)).toBe('secret');
  });

  it('catches nearly every random 32-character key under an innocent name', () => {
    let missed = 0;
    for (let i = 0; i < 2000; i++) {
      const hex = randomBytes(16).toString('hex');
      const base64url = randomBytes(24).toString('base64url');
      if (classifyEnvValue('SETTING', hex) !== 'secret') missed++;
      if (classifyEnvValue('SETTING', base64url) !== 'secret') missed++;
    }
    // Measured: about 0.1–0.2 %; the name rule is the main line of defence.
    expect(missed / 4000).toBeLessThan(0.01);
  });

  it('never treats a value shorter than 6 characters as a secret, and flags a secret name with one', () => {
    expect(classifyEnvValue('FLAG', '12345')).toBe('setting');
    expect(classifyEnvValue('ANTHROPIC_API_KEY', 'abc')).toBe('short-secret-name');
    expect(classifyEnvValue('DB_PASSWORD', '12345')).toBe('short-secret-name');
    // A switch under a secret-sounding name is a setting, not a truncated key.
    expect(classifyEnvValue('CLAUDE_CODE_SKIP_BEDROCK_AUTH', '1')).toBe('setting');
    expect(classifyEnvValue('SKIP_AUTH', 'true')).toBe('setting');
  });

  it.each(['BYPASS_PERMISSIONS', 'CLAUDE_CODE_MAX_OUTPUT_TOKENS', 'KEYBOARD', 'PASSTHROUGH', 'AWS_REGION'])(
    '%s is not a secret name',
    (name) => {
      expect(nameLooksSecret(name)).toBe(false);
    },
  );
});

describe('registerInputSecrets', () => {
  it('masks and scans for secret agent-env values and provider tokens, never settings', () => {
    const masked: string[] = [];
    const secrets = new SecretRegistry((value) => masked.push(value));
    const inputs: Record<string, string> = {
      'agent-env': [
        'CLAUDE_CODE_USE_BEDROCK=1',
        'AWS_REGION=us-east-1',
        'ANTHROPIC_MODEL=claude-sonnet-4-5-20250929',
        'AWS_BEARER_TOKEN_BEDROCK=bedrock-token-value',
        `UNNAMED=${RANDOM_BASE62}`,
        'ANTHROPIC_API_KEY=abc',
      ].join('\n'),
      'daytona-api-key': 'dtn_0123456789abcdef',
    };
    const warnings = registerInputSecrets(secrets, (name) => inputs[name] ?? '', { GH_TOKEN: 'gho_short1' });
    expect(masked).toEqual(
      expect.arrayContaining(['dtn_0123456789abcdef', 'gho_short1', 'bedrock-token-value', RANDOM_BASE62]),
    );
    for (const setting of ['1', 'us-east-1', 'claude-sonnet-4-5-20250929', 'abc'])
      expect(masked).not.toContain(setting);
    expect(secrets.scan('region = "us-east-1"')).toEqual([]);
    expect(secrets.scan('token = "bedrock-token-value"').map((hit) => hit.kind)).toContain(
      'agent-env AWS_BEARER_TOKEN_BEDROCK',
    );
    expect(warnings).toEqual([expect.stringContaining('agent-env ANTHROPIC_API_KEY looks like a secret')]);
    expect(warnings.join('\n')).not.toContain('abc');
  });

  it('masks a quoted value with and without its quotes, and judges it without them', () => {
    const masked: string[] = [];
    const secrets = new SecretRegistry((value) => masked.push(value));
    const inputs: Record<string, string> = {
      'agent-env': `ANTHROPIC_API_KEY="sk-ant-api03-quoted0123456789"\nUPSTREAM='${RANDOM_BASE62}'\nREGION="us-east-1"`,
    };
    registerInputSecrets(secrets, (name) => inputs[name] ?? '', {});
    expect(masked).toEqual(
      expect.arrayContaining([
        '"sk-ant-api03-quoted0123456789"',
        'sk-ant-api03-quoted0123456789',
        RANDOM_BASE62,
      ]),
    );
    expect(masked.some((value) => value.includes('us-east-1'))).toBe(false);
  });
});
