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
