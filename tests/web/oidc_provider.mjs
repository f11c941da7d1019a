// A real OpenID Connect provider for the single sign-on tests: npm's oidc-provider
// (an OpenID Certified implementation), on 127.0.0.1 at a port the system picks, with
// its development log-in pages (any login name signs in as that account, any password).
//
// Configuration comes as JSON in OIDC_TEST_CONFIG:
//   { "client": { "client_id", "client_secret", "redirect_uris", "post_logout_redirect_uris" },
//     "accounts": "<path of a JSON file { "<login>": { <claims> }, ... }>",
//     "rpInitiatedLogout": true }
// With rpInitiatedLogout (OpenID Connect RP-Initiated Logout 1.0) the discovery document
// names an end_session_endpoint, whose page asks the person to confirm; false: a
// provider without one, like some AD FS set-ups.
// The accounts file is read at every sign-in, so a test can change a person's claims
// between two sign-ins.
// Once listening it prints one line of JSON, {"issuer": "http://127.0.0.1:<port>"}, and
// serves until it is terminated.
import { readFileSync } from 'node:fs';
import http from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(process.env.OIDC_TEST_CONFIG);
const rpInitiatedLogout = config.rpInitiatedLogout !== false;
const { post_logout_redirect_uris: postLogoutRedirectUris, ...client } = config.client;

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      ...client,
      ...(rpInitiatedLogout ? { post_logout_redirect_uris: postLogoutRedirectUris ?? [] } : {}),
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    async findAccount(ctx, id) {
      const claims = JSON.parse(readFileSync(config.accounts, 'utf8'))[id] ?? {};
      return { accountId: id, async claims() { return { sub: id, ...claims }; } };
    },
    // Group and department claims travel in the ID token, as Entra ID and AD FS send
    // them (not only from the userinfo endpoint).
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username', 'groups',
        'department'],
      email: ['email'],
    },
    cookies: { keys: ['budgetkatalog-test-provider'] },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: rpInitiatedLogout },
    },
  });
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
