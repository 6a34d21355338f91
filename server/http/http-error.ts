/** An error the client caused, answered as `{ error, message }` with its status. */
export class HttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
    this.headers = headers;
  }
}

export const notFound = (message = '没有找到您要的内容') => new HttpError(404, 'not-found', message);
export const unauthorized = (message = '请先登录') => new HttpError(401, 'unauthorized', message);

/** What a kiosk whose pairing staff revoked gets on every sync request (401 `device-revoked`). */
export const DEVICE_REVOKED_MESSAGE = '此终端已被服务站停用，未同步的操作不会被接受，请联系工作人员重新配对';
export const deviceRevoked = () => new HttpError(401, 'device-revoked', DEVICE_REVOKED_MESSAGE);
