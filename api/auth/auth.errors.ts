import { unauthorized } from '../common/problem-factories';

export const AuthErrors = {
  unauthorized,
};
