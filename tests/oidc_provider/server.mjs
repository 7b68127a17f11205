// A real OpenID provider for the tests (panva/oidc-provider, OpenID Certified).
// Started by tests/accounts/oidc_harness.py; prints {"port": N} on stdout when ready.
// Configuration comes from the OIDC_TEST_CONFIG environment variable (JSON):
//   {"clients": [{client_id, client_secret, redirect_uris, post_logout_redirect_uris}]}
// Test-only control endpoints under /__test__/ add accounts and make the next token
// response misbehave (wrong iss/aud/nonce, re-signed with the provider's real key), or
// shorten the lifetime of authorization codes.
import http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG || '{"clients": []}');
const accounts = new Map();
const state = { tamper: null, codeTtl: 60 };

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

function readJson(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => { try { resolve(JSON.parse(data || '{}')); } catch (e) { reject(e); } });
  });
}

async function control(req, res) {
  const body = await readJson(req);
  if (req.url === '/__test__/accounts') {
    for (const [id, claims] of Object.entries(body)) accounts.set(id, claims);
  } else if (req.url === '/__test__/tamper') {
    state.tamper = body.claim ? body : null;
  } else if (req.url === '/__test__/code-ttl') {
    state.codeTtl = body.seconds;
  } else {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(204).end();
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: config.clients.map((c) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      ...c,
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-cookie-key-not-secret'] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'name'],
      organisation: ['organisation', 'groups'],
    },
    scopes: ['openid', 'email', 'profile', 'organisation'],
    findAccount: async (ctx, id) => {
      if (!accounts.has(id)) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...accounts.get(id) }) };
    },
    // The test users have consented beforehand: grant what the client asks for.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email profile organisation');
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    ttl: { AuthorizationCode: () => state.codeTtl },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.status === 200 && state.tamper && ctx.body?.id_token) {
      const { claim, value } = state.tamper;
      state.tamper = null;
      const payload = { ...decodeJwt(ctx.body.id_token), [claim]: value };
      const header = decodeProtectedHeader(ctx.body.id_token);
      ctx.body = {
        ...ctx.body,
        id_token: await new SignJWT(payload).setProtectedHeader(header).sign(privateKey),
      };
    }
  });
  const handler = provider.callback();
  server.on('request', (req, res) => {
    if (req.url.startsWith('/__test__/') && req.method === 'POST') {
      control(req, res).catch(() => res.writeHead(400).end());
    } else {
      handler(req, res);
    }
  });
  process.stdout.write(`${JSON.stringify({ port, issuer })}\n`);
});
