/**
 * Every error leaves the server as `{ error, message }` with a plain Chinese message. Anything the
 * client caused is a 4xx; only a fault of the server itself is a 5xx (and is logged).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../../domain/index.ts';
import { HttpError } from './http-error.ts';

export const BODY_LIMIT_BYTES = 1024 * 1024;

interface Mapped {
  status: number;
  body: ApiError;
  headers?: Readonly<Record<string, string>>;
}

const FRAMEWORK_MESSAGES: Record<string, { error: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { error: 'body-too-large', message: '请求内容太大，最多 1 MiB' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { error: 'unsupported-media-type', message: '请求内容必须是 JSON（Content-Type: application/json）' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { error: 'bad-request', message: '请求格式不正确：内容是空的' },
  FST_ERR_CTP_INVALID_JSON_BODY: { error: 'bad-request', message: '请求格式不正确：不是有效的 JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { error: 'bad-request', message: '请求格式不正确：内容长度与 Content-Length 不符' },
  FST_ERR_BAD_URL: { error: 'bad-request', message: '请求格式不正确：地址无法识别' },
};

function mapError(error: FastifyError | HttpError | Error): Mapped {
  if (error instanceof HttpError) {
    return { status: error.statusCode, body: { error: error.code, message: error.message }, headers: error.headers };
  }
  const code = (error as FastifyError).code;
  const status = (error as FastifyError).statusCode;
  const known = code ? FRAMEWORK_MESSAGES[code] : undefined;
  if (known && status) return { status, body: known };
  if (status && status >= 400 && status < 500) {
    // JSON.parse failures and prototype-poisoning rejections from the body parser land here.
    if (error instanceof SyntaxError) return { status: 400, body: { error: 'bad-request', message: '请求格式不正确：不是有效的 JSON' } };
    if (/__proto__|constructor/.test(error.message)) {
      return { status: 400, body: { error: 'bad-request', message: '请求格式不正确：含有不允许的字段名' } };
    }
    return { status, body: { error: 'bad-request', message: '请求格式不正确' } };
  }
  return { status: 500, body: { error: 'internal', message: '服务器出错了，请稍后再试' } };
}

export function sendError(reply: FastifyReply, error: Error): FastifyReply {
  const mapped = mapError(error);
  if (mapped.headers) reply.headers(mapped.headers);
  return reply.code(mapped.status).type('application/json; charset=utf-8').send(mapped.body);
}

/** `consoleFallback`: without a request logger, server faults still reach stderr. */
export function installErrorReplies(app: FastifyInstance, consoleFallback: boolean): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const mapped = mapError(error);
    if (mapped.status >= 500) {
      request.log.error({ err: error }, 'request failed');
      if (consoleFallback) console.error(`${request.method} ${request.url} failed:`, error);
    }
    return sendError(reply, error);
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).type('application/json; charset=utf-8').send({ error: 'not-found', message: '没有这个地址' } satisfies ApiError),
  );
}

/** For errors Fastify raises before routing (bad URL encoding and the like). */
export function frameworkErrorReply(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void sendError(reply, error);
}
