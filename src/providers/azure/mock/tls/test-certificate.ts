/**
 * LOOPBACK-ONLY TEST CERTIFICATE. Not a secret and not trusted by anything except the clients this
 * mock configures with `ca: AZURE_MOCK_TLS_CERT`. It exists because the Azure SDK refuses bearer
 * tokens over http://, Node cannot generate certificates itself, and no certificate package is a
 * dependency. Valid for 127.0.0.1, ::1 and localhost until 2126. Regenerate with:
 *
 *   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
 *     -keyout key.pem -out cert.pem -days 36500 \
 *     -subj "/CN=trafficport azure mock (loopback test only)" \
 *     -addext "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost" \
 *     -addext "basicConstraints=critical,CA:TRUE" \
 *     -addext "keyUsage=critical,digitalSignature,keyCertSign" -addext "extendedKeyUsage=serverAuth"
 *
 * Kept as a module (not .pem files) so the build copies it to dist with everything else.
 */
export const AZURE_MOCK_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg0DJk6SbM3cYxzSV9
Qy1DhGVaBVnttLk/cMEN54I8DXyhRANCAARGKgQh5niGcNkTf04a58XQBI6gUIxm
wDy59/dLNglPlY5eV3N4RnuQL14BW5Hh9NrP3JqD/ObywA+X8kh3rfUB
-----END PRIVATE KEY-----
`;

export const AZURE_MOCK_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIICFzCCAb6gAwIBAgIUKlUSZf05ysQzxS0hPQ2bfs8XjwAwCgYIKoZIzj0EAwIw
NjE0MDIGA1UEAwwrdHJhZmZpY3BvcnQgYXp1cmUgbW9jayAobG9vcGJhY2sgdGVz
dCBvbmx5KTAgFw0yNjExMjUxNDMxMTdaGA8yMTI2MTEwMTE0MzExN1owNjE0MDIG
A1UEAwwrdHJhZmZpY3BvcnQgYXp1cmUgbW9jayAobG9vcGJhY2sgdGVzdCBvbmx5
KTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABEYqBCHmeIZw2RN/ThrnxdAEjqBQ
jGbAPLn390s2CU+Vjl5Xc3hGe5AvXgFbkeH02s/cmoP85vLAD5fySHet9QGjgacw
gaQwHQYDVR0OBBYEFItsaR1Uh7SsEBUSdzTvkMbwND0lMB8GA1UdIwQYMBaAFIts
aR1Uh7SsEBUSdzTvkMbwND0lMCwGA1UdEQQlMCOHBH8AAAGHEAAAAAAAAAAAAAAA
AAAAAAGCCWxvY2FsaG9zdDAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwIC
hDATBgNVHSUEDDAKBggrBgEFBQcDATAKBggqhkjOPQQDAgNHADBEAiBMzRp+AEY+
zbdB00X0Qnkaj6dR6aRyeaK0WzK8Q9KMhAIgBgtdYsviUHd9aTabqG9ptParnRmk
kEKzIKzE2lBnqE8=
-----END CERTIFICATE-----
`;
