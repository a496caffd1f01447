// kubeadm's shared code, and a transport opened for kubeadm (the detection request's), label their
// errors "kubeadm". On the k3s adapter those errors are k3s's: same kind, message and hint.
import { isTokenTuiError, TokenTuiError } from '../../core/errors.ts';
import type { KubeClient } from '../../kube/client.ts';

export function relabelError(error: unknown, from: string, to: string): unknown {
  if (!isTokenTuiError(error) || error.source !== from) return error;
  const message = error.message.startsWith(`${from}: `) ? error.message.slice(from.length + 2) : error.message;
  return new TokenTuiError(error.kind, message, {
    source: to,
    hint: error.hint,
    field: error.field,
    httpStatus: error.httpStatus,
    retryAfterSeconds: error.retryAfterSeconds,
    cause: error,
  });
}

export async function relabelled<T>(work: Promise<T>, from: string, to: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw relabelError(error, from, to);
  }
}

/** The same transport, its errors labelled `to` instead of `from`. */
export function relabelKubeClient(client: KubeClient, from: string, to: string): KubeClient {
  return {
    connection: client.connection,
    request: (method, path, options) => relabelled(client.request(method, path, options), from, to),
    async *stream(path, options) {
      try {
        yield* client.stream(path, options);
      } catch (error) {
        throw relabelError(error, from, to);
      }
    },
    close: () => client.close(),
  };
}
