// Sign-in: POST /auth/v1/rs/login/credentials (kare.md §2.1) and POST /auth/v1/bo/token/refresh
// (§2.3). Both answer 201 as documented; the login wraps its tokens in `data`, the refresh does not.
import { jsonReply } from '../../http.js';
import type { KareContext, KareRoute } from '../context.js';
import { INVALID_CREDENTIALS, INVALID_REFRESH_TOKEN, messageReply } from '../errors.js';
import { loginSchema, objectBody, refreshSchema, validate } from '../validation.js';

function login({ req, sessions, credentials }: KareContext) {
  const body = objectBody(req, { requireContentType: false });
  if (!body.ok) return body.reply;
  const input = validate(loginSchema, body.value);
  if (!input.ok) return input.reply;
  // sandbox: e-mail addresses compare case-insensitively, passwords exactly.
  const known = input.value.email.toLowerCase() === credentials.email.toLowerCase() && input.value.password === credentials.password;
  if (!known) return messageReply(401, INVALID_CREDENTIALS);
  return jsonReply(201, { data: sessions.open(req.receivedAt.getTime()) });
}

function refresh({ req, sessions }: KareContext) {
  const body = objectBody(req, { requireContentType: false });
  if (!body.ok) return body.reply;
  const input = validate(refreshSchema, body.value);
  if (!input.ok) return input.reply;
  const tokens = sessions.refresh(input.value.refreshToken, req.receivedAt.getTime());
  return tokens ? jsonReply(201, tokens) : messageReply(401, INVALID_REFRESH_TOKEN);
}

export const authRoutes: KareRoute[] = [
  { method: 'POST', pattern: '/auth/v1/rs/login/credentials', handler: login },
  { method: 'POST', pattern: '/auth/v1/bo/token/refresh', handler: refresh },
];
