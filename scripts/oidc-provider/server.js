// A real OpenID Connect provider for klacht's single sign-on tests: the
// certified `oidc-provider` package, configured by one JSON document in
// the environment variable OIDC_TEST_CONFIG:
//
//   {
//     "port": 0,                      // 0: any free port
//     "now": "2026-04-24T09:00:00Z",  // optional: the provider's clock starts here
//     "id_token_ttl": 3600,           // seconds
//     "id_token_audience": "other",   // optional: sign ID tokens for another client
//     "clients": [{ "client_id": "klacht", "client_secret": "...",
//                   "redirect_uris": ["http://127.0.0.1:8080/inloggen/sso/terug"],
//                   "post_logout_redirect_uris": ["http://127.0.0.1:8080/inloggen"] }],
//     "users": { "anna": { "email": "anna@focus.example", "name": "Anna", "roles": ["..."] } }
//   }
//
// It prints one line, `listening http://127.0.0.1:PORT`, when it serves.
// The login page is the package's own development page: any password is
// accepted for a user the configuration names (this is a test provider).
// Nothing here is meant for production.

import http from 'node:http';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG ?? '{}');

// A pinned clock, like KLACHT_NOW on klacht's side: starts at `now` and
// runs at real speed, so both sides agree on when a token expires.
if (config.now) {
  const RealDate = Date;
  const offset = RealDate.parse(config.now) - RealDate.now();
  if (Number.isNaN(offset)) throw new Error(`now: '${config.now}' is no instant`);
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() { return RealDate.now() + offset; }
  }
  globalThis.Date = ShiftedDate;
}

// Imported after the clock is set, so that everything reads it.
const { default: Provider } = await import('oidc-provider');
const jose = await import('jose');

const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
const signingKey = {
  ...(await jose.exportJWK(privateKey)),
  kid: config.kid ?? `test-${Math.random().toString(36).slice(2, 10)}`,
  alg: 'RS256',
  use: 'sig',
};

const users = config.users ?? {};

const server = http.createServer();
await new Promise((resolve) => server.listen(config.port ?? 0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: (config.clients ?? []).map((c) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...c,
  })),
  jwks: { keys: [signingKey] },
  cookies: { keys: ['klacht-test-provider-cookie-key'] },
  pkce: { required: () => true },
  ttl: { IdToken: config.id_token_ttl ?? 3600 },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username', 'roles'],
  },
  // The ID token itself carries the claims, as Entra's does.
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  async findAccount(ctx, sub) {
    const user = users[sub];
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, email_verified: true, preferred_username: user.email, ...user };
      },
    };
  },
  // A first-party application: no consent page after signing in.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
});

// A provider that signs its ID tokens for another application (a token
// meant for someone else, replayed): same key, only the audience differs.
if (config.id_token_audience) {
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/token' && ctx.body && ctx.body.id_token) {
      const claims = jose.decodeJwt(ctx.body.id_token);
      ctx.body = {
        ...ctx.body,
        id_token: await new jose.SignJWT({ ...claims, aud: config.id_token_audience })
          .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
          .sign(privateKey),
      };
    }
  });
}

// Plain HTTP on the loopback address only.
provider.proxy = false;
const handle = provider.callback();
server.on('request', (req, res) => {
  // With a pinned clock the cookies' expiry dates are on that clock; a
  // real browser reads them on the real one and would drop them. Kept for
  // the session instead (a cookie being deleted keeps its date in 1970).
  if (config.now) {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name, value) => {
      if (String(name).toLowerCase() === 'set-cookie') {
        const undated = (c) => (/expires=thu, 01 jan 1970/i.test(c) ? c : c.replace(/;\s*expires=[^;]*/gi, ''));
        value = Array.isArray(value) ? value.map(undated) : undated(value);
      }
      return setHeader(name, value);
    };
  }
  handle(req, res);
});
// Standard output carries this one line; the test stops reading after it,
// so whatever the package says later goes to standard error.
process.stdout.on('error', () => {});
process.stdout.write(`listening ${issuer}\n`);
console.log = console.error;
console.info = console.error;
