// A real OpenID Connect provider (oidc-provider) for the sign-on tests, run as its own process because the package
// is an ES module. Settings come from the environment; it prints "ready" once it listens.
import Provider from 'oidc-provider';

const { OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, OIDC_ACCOUNTS } = process.env;
const accounts = JSON.parse(OIDC_ACCOUNTS ?? '{}');

const provider = new Provider(`http://127.0.0.1:${OIDC_PORT}`, {
  clients: [
    {
      client_id: OIDC_CLIENT_ID,
      client_secret: OIDC_CLIENT_SECRET,
      redirect_uris: [OIDC_REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  pkce: { required: () => true },
  claims: {
    openid: ['sub'],
    phone: ['phone_number', 'phone_number_verified'],
    profile: ['preferred_username', 'name'],
  },
  // Every login the development form accepts is an account; its claims are the test's, by login.
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, ...(accounts[id] ?? {}) }) }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['eco-grid-test-provider-cookie-key'] },
});

provider.listen(Number(OIDC_PORT), '127.0.0.1', () => {
  process.stdout.write('ready\n');
});
