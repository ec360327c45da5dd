/**
 * The spreadsheet's `Ui`: menus (recorded when added with `addToUi`), sidebars and dialogs (recorded with their
 * HTML), alerts and prompts (recorded, answered from a queue of scripted responses or with the first button).
 */

import { FakeAlert, FakeContext, FakeMenuItem, instrument, signatureMismatch } from './context';
import { FakeEnumMember, enumName, makeEnum } from './enums';
import { HtmlOutputState } from './html';
import { FakeButtonName, FakeButtonSetName, FakeMenuApi, FakePromptResponse, FakeUiApi } from './types';

/** `Ui.Button`. */
export const BUTTON = makeEnum<FakeButtonName>(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
/** `Ui.ButtonSet`. */
export const BUTTON_SET = makeEnum<FakeButtonSetName>(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);

const BUTTONS_OF_SET: Record<FakeButtonSetName, FakeButtonName[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

/** A scripted answer to the next alert or prompt. */
export interface QueuedResponse {
  button: FakeButtonName;
  text?: string;
}

/** The test-side controls of the fake Ui. */
export interface UiControls {
  /** Answers the next alert or prompt with `button` (and `text` for a prompt). Default: the set's first button. */
  queueResponse(button: FakeButtonName, text?: string): void;
}

/** Makes the Ui API object (a new one for each `getUi()`, sharing the recorded state) and its controls. */
export function makeUiFactory(
  ctx: FakeContext,
  htmlOf: WeakMap<object, HtmlOutputState>,
  addonName: string,
): { getUi: () => FakeUiApi; controls: UiControls } {
  const queue: QueuedResponse[] = [];
  const menuItems = new WeakMap<object, { caption: string; items: FakeMenuItem[] }>();

  const makeMenu = (kind: 'addon' | 'custom', caption: string): FakeMenuApi => {
    const state = { caption, items: [] as FakeMenuItem[] };
    const api = {
      addItem: (itemCaption: unknown, functionName: unknown) => {
        if (typeof itemCaption !== 'string' || typeof functionName !== 'string')
          return signatureMismatch(ctx, 'Ui.Menu.addItem', [itemCaption, functionName]);
        state.items.push({ kind: 'item', caption: itemCaption, functionName });
        return menu;
      },
      addSeparator: () => {
        state.items.push({ kind: 'separator' });
        return menu;
      },
      addSubMenu: (sub: unknown) => {
        const subState = typeof sub === 'object' && sub !== null ? menuItems.get(sub) : undefined;
        if (!subState) return signatureMismatch(ctx, 'Ui.Menu.addSubMenu', [sub]);
        state.items.push({ kind: 'subMenu', caption: subState.caption, items: subState.items });
        return menu;
      },
      addToUi: () => {
        ctx.menus.push({
          kind,
          caption: state.caption,
          items: JSON.parse(JSON.stringify(state.items)) as FakeMenuItem[],
        });
      },
    };
    const menu = instrument(ctx, 'Menu', api) as unknown as FakeMenuApi;
    menuItems.set(menu, state);
    return menu;
  };

  const html = (value: unknown, method: string): HtmlOutputState => {
    const state = typeof value === 'object' && value !== null ? htmlOf.get(value) : undefined;
    if (!state) return signatureMismatch(ctx, `Ui.${method}`, [value]);
    return state;
  };

  const answer = (
    kind: 'alert' | 'prompt',
    args: unknown[],
    method: string,
  ): { button: FakeButtonName; text: string } => {
    let title = '';
    let prompt: unknown;
    let buttons: unknown = BUTTON_SET.OK;
    if (args.length >= 3) [title, prompt, buttons] = args as [string, unknown, unknown];
    else if (args.length === 2) [prompt, buttons] = args;
    else [prompt] = args;
    const setName = enumName(BUTTON_SET, buttons);
    if (typeof prompt !== 'string' || typeof title !== 'string' || !setName)
      return signatureMismatch(ctx, `Ui.${method}`, args);
    const allowed = BUTTONS_OF_SET[setName];
    const queued = queue.shift();
    const button =
      queued && (queued.button === 'CLOSE' || allowed.includes(queued.button)) ? queued.button : (allowed[0] ?? 'OK');
    const text = queued?.text ?? '';
    const record: FakeAlert = { kind, title, prompt, buttons: setName, response: button };
    if (kind === 'prompt') record.responseText = text;
    ctx.alerts.push(record);
    return { button, text };
  };

  const getUi = (): FakeUiApi => {
    const api = {
      createAddonMenu: () => makeMenu('addon', addonName),
      createMenu: (caption: unknown) => {
        if (typeof caption !== 'string') return signatureMismatch(ctx, 'Ui.createMenu', [caption]);
        return makeMenu('custom', caption);
      },
      showSidebar: (userInterface: unknown) => {
        const state = html(userInterface, 'showSidebar');
        ctx.shown.push({
          kind: 'sidebar',
          title: state.title,
          content: state.content,
          width: state.width,
          height: state.height,
        });
      },
      showModalDialog: (userInterface: unknown, title: unknown) => {
        const state = html(userInterface, 'showModalDialog');
        ctx.shown.push({
          kind: 'modalDialog',
          title: String(title ?? ''),
          content: state.content,
          width: state.width,
          height: state.height,
        });
      },
      showModelessDialog: (userInterface: unknown, title: unknown) => {
        const state = html(userInterface, 'showModelessDialog');
        ctx.shown.push({
          kind: 'modelessDialog',
          title: String(title ?? ''),
          content: state.content,
          width: state.width,
          height: state.height,
        });
      },
      alert: (...args: unknown[]): FakeEnumMember => BUTTON[answer('alert', args, 'alert').button],
      prompt: (...args: unknown[]): FakePromptResponse => {
        const { button, text } = answer('prompt', args, 'prompt');
        return instrument(ctx, 'PromptResponse', {
          getResponseText: () => text,
          getSelectedButton: () => BUTTON[button],
        });
      },
    };
    const ui = instrument(ctx, 'Ui', api);
    return Object.assign(ui, { Button: BUTTON, ButtonSet: BUTTON_SET }) as unknown as FakeUiApi;
  };

  return {
    getUi,
    controls: {
      queueResponse: (button, text) => {
        queue.push(text === undefined ? { button } : { button, text });
      },
    },
  };
}
