/** The tree view: progress shown in it, keybindings scoped to it. */
export const VIEW_ID = 'portfolioContacts.connections';

// Command ids in one place; package.json declares the same ids (a unit test keeps them in step).
export const COMMANDS = {
  addConnection: 'portfolioContacts.addConnection',
  editConnection: 'portfolioContacts.editConnection',
  updateToken: 'portfolioContacts.updateToken',
  signIn: 'portfolioContacts.signIn',
  removeConnection: 'portfolioContacts.removeConnection',
  signOutAll: 'portfolioContacts.signOutAll',
  trySandbox: 'portfolioContacts.trySandbox',
  stopSandbox: 'portfolioContacts.stopSandbox',
  refresh: 'portfolioContacts.refresh',
  refreshNode: 'portfolioContacts.refreshNode',
  loadMore: 'portfolioContacts.loadMore',
  filterCompanies: 'portfolioContacts.filterCompanies',
  clearFilter: 'portfolioContacts.clearFilter',
  findCompany: 'portfolioContacts.findCompany',
  showArchived: 'portfolioContacts.showArchived',
  hideArchived: 'portfolioContacts.hideArchived',
  toggleArchived: 'portfolioContacts.toggleArchived',
  copyEmail: 'portfolioContacts.copyEmail',
  copy: 'portfolioContacts.copy',
  copyName: 'portfolioContacts.copyName',
  copyDomain: 'portfolioContacts.copyDomain',
  copyId: 'portfolioContacts.copyId',
  openInBrowser: 'portfolioContacts.openInBrowser',
  setPrimaryContact: 'portfolioContacts.setPrimaryContact',
  signOut: 'portfolioContacts.signOut',
  resumeBulk: 'portfolioContacts.resumeBulkInvitations',
  showLog: 'portfolioContacts.showLog',
  createContact: 'portfolioContacts.createContact',
  /** The same as createContact, titled for a provider whose form takes several contacts at once. */
  createContacts: 'portfolioContacts.createContacts',
  /** Old id of createContact, kept so keybindings and scripts that name it still work. */
  assignContact: 'portfolioContacts.assignContact',
  editContact: 'portfolioContacts.editContact',
  editUser: 'portfolioContacts.editUser',
  invite: 'portfolioContacts.invite',
  inviteAll: 'portfolioContacts.inviteAll',
  inviteFolder: 'portfolioContacts.inviteFolder',
  refreshAttention: 'portfolioContacts.refreshAttention',
  stopAttention: 'portfolioContacts.stopAttention',
  fixAttention: 'portfolioContacts.fixAttention',
  openWalkthrough: 'portfolioContacts.openWalkthrough',
  exportData: 'portfolioContacts.export',
  exportBulkResults: 'portfolioContacts.exportBulkResults',
  showAuditTrail: 'portfolioContacts.showAuditTrail',
  importContacts: 'portfolioContacts.importContacts',
  copyContactTo: 'portfolioContacts.copyContactTo',
  confirmMatch: 'portfolioContacts.confirmMatch',
  splitMatch: 'portfolioContacts.splitMatch',
  stopMatching: 'portfolioContacts.stopMatching',
} as const;

/** The Needs Attention view (contacts health across connections). */
export const ATTENTION_VIEW_ID = 'portfolioContacts.needsAttention';


/** The Company Across Connections view. */
export const ACROSS_VIEW = 'portfolioContacts.acrossConnections';

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** The form panels' view type, as forms/reopen.ts's FORM_VIEW_TYPE (a unit test keeps them equal):
 * activation registers their serializer without loading the forms code. */
export const FORM_PANEL_TYPE = 'portfolioContacts.form';

/** The walkthrough's id in package.json's contributes.walkthroughs. */
export const WALKTHROUGH_ID = 'portfolioContacts.gettingStarted';
/** The extension's id (publisher.name in package.json): VS Code names a walkthrough by both. */
export const EXTENSION_ID = 'portfolio-contacts.portfolio-contacts';
