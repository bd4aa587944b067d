import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FORM_PANEL_TYPE } from '../../src/commands/ids';
import { FORM_VIEW_TYPE } from '../../src/forms/reopen';

describe('activation without the forms code', () => {
  it('registers the panel serializer for the view type the forms panels use', () => {
    assert.equal(FORM_PANEL_TYPE, FORM_VIEW_TYPE);
  });
});
