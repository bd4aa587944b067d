// A multi-step input ("Step 2 of 5", a Back button, validation per step) whose flow logic knows
// nothing of VS Code: the steps talk to a StepUi, which quickInput.ts backs with createInputBox /
// createQuickPick and tests back with a script. A final check (e.g. signing in) that fails sends
// the person back to the step it names, with the reason shown there.

export type StepAnswer<T> = { value: T } | 'back' | 'cancel';

export interface StepPosition {
  title: string;
  step: number;
  totalSteps: number;
  /** Whether Back makes sense (not on the first step). */
  back: boolean;
  /** Why the person was sent back to this step (a failed final check). */
  error?: string;
}

export interface TextAsk extends StepPosition {
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** A message when the value is not acceptable; the step cannot be accepted until it is undefined. */
  validate?: (value: string) => string | undefined;
}

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface PickAsk<T> extends StepPosition {
  placeholder: string;
  items: Array<PickItem<T>>;
  /** The item selected first (the current choice when editing). */
  active?: T;
}

export interface StepUi {
  text(ask: TextAsk): Promise<StepAnswer<string>>;
  pick<T>(ask: PickAsk<T>): Promise<StepAnswer<T>>;
  /** Shows why the final check failed; true to try again from the step it names. */
  retry(message: string): Promise<boolean>;
}

export interface Step<S> {
  id: string;
  /** Asks its question and writes the answer into `state`; 'back' and 'cancel' leave it as it was. */
  ask(state: S, ui: StepUi, at: StepPosition): Promise<'next' | 'back' | 'cancel'>;
}

/** Where the final check failed: the step to return to and what to say there. */
export interface StepFailure {
  stepId: string;
  message: string;
}

export interface Flow<S> {
  title: string;
  /** Recomputed before every step, so later steps may depend on earlier answers (a scheme's fields). */
  steps(state: S): Array<Step<S>>;
  /** Runs after the last step; a failure returns to its step. */
  finish?(state: S): Promise<StepFailure | undefined>;
}

/** Runs the flow; the final state when every step was answered and the check passed, undefined when cancelled. */
export async function runFlow<S>(flow: Flow<S>, state: S, ui: StepUi): Promise<S | undefined> {
  const history: string[] = [];
  let current: string | undefined = flow.steps(state)[0]?.id;
  let error: string | undefined;
  for (;;) {
    const steps = flow.steps(state);
    const index = current === undefined ? steps.length : Math.max(0, steps.findIndex((s) => s.id === current));
    if (index >= steps.length) {
      const failure = await flow.finish?.(state);
      if (!failure) return state;
      if (!(await ui.retry(failure.message))) return undefined;
      const back = steps.findIndex((s) => s.id === failure.stepId);
      current = steps[back >= 0 ? back : 0]!.id;
      // Steps before the failed one stay reachable with Back.
      history.splice(0, history.length, ...steps.slice(0, Math.max(0, back)).map((s) => s.id));
      error = failure.message;
      continue;
    }
    const step = steps[index]!;
    const answer = await step.ask(state, ui, { title: flow.title, step: index + 1, totalSteps: steps.length, back: index > 0, error });
    error = undefined;
    if (answer === 'cancel') return undefined;
    if (answer === 'back') {
      current = history.pop() ?? step.id;
      continue;
    }
    history.push(step.id);
    current = flow.steps(state)[flow.steps(state).findIndex((s) => s.id === step.id) + 1]?.id;
  }
}

/** A text step: `read` gives the value to show, `write` keeps the accepted one. */
export function textStep<S>(
  id: string,
  opts: {
    prompt: string;
    password?: boolean;
    placeholder?: string | ((state: S) => string | undefined);
    validate?: (value: string, state: S) => string | undefined;
    read(state: S): string | undefined;
    write(state: S, value: string): void;
  },
): Step<S> {
  return {
    id,
    ask: async (state, ui, at) => {
      const validate = opts.validate;
      const answer = await ui.text({
        ...at,
        prompt: opts.prompt,
        placeholder: typeof opts.placeholder === 'function' ? opts.placeholder(state) : opts.placeholder,
        password: opts.password,
        validate: validate && ((v) => validate(v, state)),
        value: opts.read(state),
      });
      if (typeof answer === 'string') return answer;
      opts.write(state, answer.value);
      return 'next';
    },
  };
}

export function pickStep<S, T>(
  id: string,
  opts: { placeholder: string; items(state: S): Array<PickItem<T>>; read(state: S): T | undefined; write(state: S, value: T): void },
): Step<S> {
  return {
    id,
    ask: async (state, ui, at) => {
      const answer = await ui.pick({ ...at, placeholder: opts.placeholder, items: opts.items(state), active: opts.read(state) });
      if (typeof answer === 'string') return answer;
      opts.write(state, answer.value);
      return 'next';
    },
  };
}
