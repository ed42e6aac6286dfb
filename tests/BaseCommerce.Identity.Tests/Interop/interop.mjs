// Drives the BaseCommerce Identity service with openid-client (https://github.com/panva/openid-client), as a third-party
// application would: discovery, the authorization code flow with PKCE (a person signs in through the HTML form),
// userinfo, refresh, introspection, revocation and client_credentials. Prints one JSON object for the C# test to check.
import dns from 'node:dns';
import * as client from 'openid-client';

// Browsers resolve *.localhost to this machine; Node's resolver does not.
const lookup = dns.lookup;
dns.lookup = (host, options, callback) => {
  if (typeof options === 'function') { callback = options; options = {}; }
  return lookup(host.endsWith('.localhost') ? '127.0.0.1' : host, options, callback);
};

const [issuer, webClientId, webSecret, email, password, redirectUri, apiClientId, apiSecret] = process.argv.slice(2);
const insecure = { execute: [client.allowInsecureRequests] }; // plain HTTP on loopback, in tests only
const result = {};

const config = await client.discovery(new URL(issuer), webClientId, webSecret, undefined, insecure);
result.issuer = config.serverMetadata().issuer;

const verifier = client.randomPKCECodeVerifier();
const state = client.randomState();
const nonce = client.randomNonce();
const authorizationUrl = client.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri, scope: 'openid profile email offline_access api', state, nonce,
  code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
});

// The person's browser: follow the redirect to the login page, sign in, come back to authorize.
const cookies = new Map();
const browse = async (url, init = {}) => {
  const response = await fetch(url, {
    ...init, redirect: 'manual',
    headers: { ...(init.headers ?? {}), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, ...value] = pair.split('=');
    cookies.set(name.trim(), value.join('='));
  }
  return response;
};
const origin = new URL(issuer).origin;
const toLogin = await browse(authorizationUrl);
const loginUrl = new URL(toLogin.headers.get('location'), origin);
const page = await (await browse(loginUrl)).text();
const antiforgery = /name="__RequestVerificationToken" type="hidden" value="([^"]+)"/.exec(page)[1];
const signedIn = await browse(loginUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ Email: email, Password: password, ReturnUrl: loginUrl.searchParams.get('ReturnUrl'), __RequestVerificationToken: antiforgery }),
});
result.signInStatus = signedIn.status;
const back = await browse(new URL(signedIn.headers.get('location'), origin));
const callback = new URL(back.headers.get('location'));

const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
const claims = tokens.claims();
result.idToken = { sub: claims.sub, email: claims.email, tenant_id: claims.tenant_id, aud: claims.aud };
result.scope = tokens.scope;

const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
result.userinfo = { email: userinfo.email, tenant_slug: userinfo.tenant_slug };

const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
result.rotated = refreshed.refresh_token !== tokens.refresh_token;
try { await client.refreshTokenGrant(config, tokens.refresh_token); result.reuse = 'accepted'; }
catch (e) { result.reuse = e.error; }

const apiConfig = await client.discovery(new URL(issuer), apiClientId, apiSecret, undefined, insecure);
const cc = await client.clientCredentialsGrant(apiConfig, { scope: 'api.read' });
result.clientCredentials = { scope: cc.scope, expires_in: cc.expires_in };
result.introspection = (await client.tokenIntrospection(apiConfig, cc.access_token)).active;
await client.tokenRevocation(apiConfig, cc.access_token);
result.introspectionAfterRevocation = (await client.tokenIntrospection(apiConfig, cc.access_token)).active;

try { await client.clientCredentialsGrant(await client.discovery(new URL(issuer), apiClientId, 'wrong', undefined, insecure)); result.wrongSecret = 'accepted'; }
// A Basic-authenticated client's failure is a 401 with a WWW-Authenticate challenge (RFC 6749 §5.2), which openid-client surfaces as such.
catch (e) { result.wrongSecret = e.error ?? e.cause?.[0]?.parameters?.error ?? e.code; }

console.log(JSON.stringify(result));
