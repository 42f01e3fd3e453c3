// A real OpenID provider (node's oidc-provider, OpenID-certified) for Steg's tests.
//
// Started by tests/fixtures/oidc.py with:
//   OIDC_PORT            the port to listen on (127.0.0.1)
//   OIDC_CLIENTS         JSON list of clients: [{client_id, client_secret, redirect_uris,
//                        post_logout_redirect_uris}]
//   OIDC_ACCOUNTS        JSON object: {login: {sub, name, email, groups}}
//
// Sign-in uses the library's development pages: the login is the account's
// subject (sub), any password is accepted; consent is granted without asking.
//
// For the failure cases a test may ask the provider to misbehave once more,
// POST /__test/tamper {"aud": "...", "nonce": "...", "exp_offset": -3600}: the next
// ID tokens from the token endpoint get those claims changed and are signed again
// with the provider's own key, so the only thing wrong is the claim under test.
// POST /__test/reset undoes it. Nothing here is meant for anything but tests.

import { createServer } from 'node:http';

import { SignJWT, decodeJwt, exportJWK, generateKeyPair, importJWK } from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const clients = JSON.parse(process.env.OIDC_CLIENTS || '[]');
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');
const accountsBySub = Object.fromEntries(
  Object.values(accounts).map((account) => [account.sub, account]),
);

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await exportJWK(privateKey)), kid: 'steg-test-key', alg: 'RS256', use: 'sig' };
const signingKey = await importJWK(signingJwk, 'RS256');

let tamper = null;

const provider = new Provider(issuer, {
  clients: clients.map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...client,
  })),
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['steg-test-provider-cookie-key'] },
  scopes: ['openid', 'profile', 'email', 'offline_access'],
  claims: {
    openid: ['sub', 'groups'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
  },
  // As Entra ID does: the claims (groups among them) travel in the ID token.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  ttl: { IdToken: 300, AccessToken: 300, AuthorizationCode: 60, Session: 3600, Interaction: 600, Grant: 3600 },
  async findAccount(ctx, id) {
    const account = accountsBySub[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: account.sub,
          name: account.name,
          preferred_username: account.email,
          email: account.email,
          groups: account.groups || [],
        };
      },
    };
  },
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile email');
    grant.addOIDCClaims(['groups', 'name', 'preferred_username', 'email']);
    await grant.save();
    return grant;
  },
});

async function retamper(idToken) {
  const claims = decodeJwt(idToken);
  if (tamper.aud !== undefined) claims.aud = tamper.aud;
  if (tamper.nonce !== undefined) claims.nonce = tamper.nonce;
  if (tamper.exp_offset !== undefined) {
    claims.iat += tamper.exp_offset;
    claims.exp += tamper.exp_offset;
    if (claims.auth_time) claims.auth_time += tamper.exp_offset;
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid, typ: 'JWT' })
    .sign(signingKey);
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

provider.use(async (ctx, next) => {
  if (ctx.path === '/__test/tamper' && ctx.method === 'POST') {
    tamper = await readJson(ctx.req);
    ctx.body = { tamper };
    return;
  }
  if (ctx.path === '/__test/reset' && ctx.method === 'POST') {
    tamper = null;
    ctx.body = { tamper };
    return;
  }
  await next();
  if (ctx.path === '/token' && tamper && ctx.body && ctx.body.id_token) {
    ctx.body = { ...ctx.body, id_token: await retamper(ctx.body.id_token) };
  }
});

provider.on('server_error', (ctx, error) => console.error('provider error', error));

createServer(provider.callback()).listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
