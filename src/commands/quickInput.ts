// The VS Code side of multiStep.ts: one InputBox or QuickPick per step, with "Step x of n", a Back
// button after the first step and validation as the person types.
import * as vscode from 'vscode';
import type { PickAsk, StepAnswer, StepUi, TextAsk } from './multiStep';

export const quickInputUi: StepUi = {
  text(ask: TextAsk): Promise<StepAnswer<string>> {
    const box = vscode.window.createInputBox();
    box.title = ask.title;
    box.step = ask.step;
    box.totalSteps = ask.totalSteps;
    box.prompt = ask.prompt;
    box.placeholder = ask.placeholder;
    box.password = ask.password ?? false;
    box.value = ask.value ?? '';
    box.ignoreFocusOut = true;
    box.buttons = ask.back ? [vscode.QuickInputButtons.Back] : [];
    // A failed final check is shown on the step it concerns until the person changes the value. An
    // empty step opens with its prompt, not "Enter the …": nothing is wrong before anything is typed.
    box.validationMessage = ask.error ?? (box.value ? ask.validate?.(box.value) : undefined);
    const shown = box.value;
    return settle(box, (done) => [
      box.onDidChangeValue((v) => (box.validationMessage = ask.error && v === shown ? ask.error : ask.validate?.(v))),
      box.onDidAccept(() => {
        const problem = ask.validate?.(box.value);
        if (problem) {
          box.validationMessage = problem;
          return;
        }
        done({ value: box.value });
      }),
    ]);
  },

  pick<T>(ask: PickAsk<T>): Promise<StepAnswer<T>> {
    type Item = vscode.QuickPickItem & { value: T };
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = ask.title;
    qp.step = ask.step;
    qp.totalSteps = ask.totalSteps;
    qp.placeholder = ask.error ? `${ask.error} — ${ask.placeholder}` : ask.placeholder;
    qp.ignoreFocusOut = true;
    qp.buttons = ask.back ? [vscode.QuickInputButtons.Back] : [];
    qp.items = ask.items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, value: i.value }));
    const active = qp.items.find((i) => i.value === ask.active);
    if (active) qp.activeItems = [active];
    return settle(qp, (done) => [
      qp.onDidAccept(() => {
        const picked = qp.selectedItems[0] ?? qp.activeItems[0];
        if (picked) done({ value: picked.value });
      }),
    ]);
  },

  async retry(message: string): Promise<boolean> {
    const again = vscode.l10n.t('Try Again');
    return (await vscode.window.showErrorMessage(message, again)) === again;
  },
};

function settle<T>(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem & { value: unknown }>, wire: (done: (a: StepAnswer<T>) => void) => vscode.Disposable[]): Promise<StepAnswer<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const subs: vscode.Disposable[] = [];
    const done = (a: StepAnswer<T>) => {
      if (settled) return;
      settled = true;
      resolve(a);
      for (const d of subs) d.dispose();
      input.dispose();
    };
    subs.push(
      ...wire(done),
      input.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && done('back')),
      input.onDidHide(() => done('cancel')),
    );
    input.show();
  });
}
