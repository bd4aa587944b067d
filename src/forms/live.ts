// A form stays open while its connection changes under it: the sandbox restarts on another port,
// the token is replaced. Each submission asks for the connection's provider as it is now and, when
// that is a different one, rebuilds the form through it, so an open form never sends to an old
// address or with an old token.
import type { FormHandler, SubmitContext } from '../core/forms';

/**
 * `current` answers the connection's live provider (it throws a message for the person when there
 * is none); `build` makes the same form through a given provider.
 */
export function liveHandler<P>(first: P, handler: FormHandler, current: () => Promise<P>, build: (provider: P) => Promise<FormHandler>): FormHandler {
  let built = first;
  let inner = handler;
  const fresh = async (): Promise<FormHandler> => {
    const provider = await current();
    if (provider !== built) {
      inner = await build(provider);
      built = provider;
    }
    return inner;
  };
  const live: FormHandler = {
    spec: () => inner.spec(),
    submit: async (values, ctx) => (await fresh()).submit(values, ctx),
    placeError: (e, shown) => inner.placeError?.(e, shown),
  };
  if (handler.options) {
    live.options = async (source, signal) => {
      const h = await fresh();
      if (!h.options) throw new Error('This form has no options to load.');
      return h.options(source, signal);
    };
  }
  if (handler.retryFailed) {
    live.retryFailed = async (ctx: SubmitContext) => {
      const h = await fresh();
      if (!h.retryFailed) throw new Error('This form cannot retry.');
      return h.retryFailed(ctx);
    };
  }
  return live;
}
