import { ProblemException } from '../common/problem';

export const AuthErrors = {
  unauthorized: (code: string, detail: string) => new ProblemException(401, code, 'Unauthorized', detail),
};
