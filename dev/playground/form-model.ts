/**
 * Turns manifest.json and operations.json into flat lists of form fields for the playground,
 * by the app builder's rendering rules (its DynamicForm): a field's `tooltip` is shown on its
 * label (a flip dropdown's `helpText` under it instead); `description` is only the placeholder of text and password fields and shown nowhere
 * else; codehinter fields show their `placeholder`; a flip's commonFields come before the flip
 * dropdown, the chosen group's fields after it; `controller` hides text and password fields only.
 * It knows field types, never individual fields or operations: a field added to the JSON
 * appears in the page with no code change.
 */
export type Control = 'select' | 'toggle' | 'password' | 'text' | 'code';

export interface FormField {
  key: string;
  label: string;
  control: Control;
  /** Shown on the label. */
  tooltip?: string;
  /** Shown under the field (the renderer shows a flip dropdown's help this way). */
  helpText?: string;
  placeholder?: string;
  initialValue?: string | boolean;
  options?: Array<{ value: string; label: string }>;
  /** Shown only while the flip dropdown `key` has value `equals`. */
  showWhen?: { key: string; equals: string };
  /** Shown only while the toggle `controller` is on. */
  controller?: string;
}

interface JsonField {
  key?: string;
  label?: string;
  type?: string;
  description?: string;
  placeholder?: string;
  tooltip?: string;
  helpText?: string;
  initialValue?: string;
  defaultChecked?: boolean;
  controller?: string;
  list?: Array<{ value: string; name: string }>;
  options?: Array<{ value: string; name: string }>;
  commonFields?: Record<string, JsonField>;
}

const CONTROLS: Record<string, Control> = {
  'dropdown-component-flip': 'select',
  dropdown: 'select',
  toggle: 'toggle',
  password: 'password',
  text: 'text',
  codehinter: 'code',
};

function toField(name: string, json: JsonField, defaults: Record<string, unknown>): FormField {
  const control = CONTROLS[json.type ?? ''];
  if (!control) throw new Error(`field '${name}' has an unknown type '${json.type}'`);
  const key = json.key ?? name;
  const choices = json.list ?? json.options;
  const initial = defaults[key] ?? (control === 'toggle' ? json.defaultChecked : json.initialValue);
  const textual = control === 'text' || control === 'password';
  return {
    key,
    label: json.label ?? '',
    control,
    // A flip's label takes no tooltip: the renderer draws its help text under the dropdown.
    tooltip: json.type === 'dropdown-component-flip' ? undefined : json.tooltip,
    helpText: json.type === 'dropdown-component-flip' ? json.helpText : undefined,
    placeholder: textual ? json.description : control === 'code' ? json.placeholder : undefined,
    initialValue:
      typeof initial === 'boolean' || typeof initial === 'string'
        ? initial
        : initial === undefined
          ? undefined
          : String(initial),
    options: choices?.map((choice) => ({ value: choice.value, label: choice.name })),
    controller: textual ? json.controller : undefined,
  };
}

/**
 * Fields of a properties object: plain fields, and a flip dropdown whose value selects which
 * group of sibling fields is shown (its commonFields are always shown).
 */
function flatten(
  properties: Record<string, JsonField | Record<string, JsonField>>,
  defaults: Record<string, unknown>,
): FormField[] {
  const fields: FormField[] = [];
  const flips = Object.entries(properties).filter(
    ([, value]) => (value as JsonField).type === 'dropdown-component-flip',
  );
  const groupNames = new Set(
    flips.flatMap(([, flip]) => ((flip as JsonField).list ?? (flip as JsonField).options ?? []).map((o) => o.value)),
  );

  // Plain fields first, then each flip: its commonFields, the dropdown, the groups it selects.
  const plain = Object.entries(properties).filter(
    ([name, value]) => !groupNames.has(name) && (value as JsonField).type !== 'dropdown-component-flip',
  );
  for (const [name, value] of plain) fields.push(toField(name, value as JsonField, defaults));
  for (const [name, value] of flips) {
    const json = value as JsonField;
    const flipKey = json.key ?? name;
    for (const [commonName, common] of Object.entries(json.commonFields ?? {}))
      fields.push(toField(commonName, common, defaults));
    fields.push(toField(name, json, defaults));
    for (const choice of json.list ?? json.options ?? []) {
      const group = (properties[choice.value] ?? {}) as Record<string, JsonField>;
      for (const [fieldName, field] of Object.entries(group)) {
        fields.push({ ...toField(fieldName, field, defaults), showWhen: { key: flipKey, equals: choice.value } });
      }
    }
  }
  return fields;
}

export function connectionFields(manifest: {
  properties: object;
  defaults?: Record<string, { value: unknown }>;
}): FormField[] {
  const defaults = Object.fromEntries(
    Object.entries(manifest.defaults ?? {}).map(([key, entry]) => [key, entry.value]),
  );
  return flatten(manifest.properties as Record<string, JsonField>, defaults);
}

export function queryFields(operations: { properties: object; defaults?: Record<string, unknown> }): FormField[] {
  return flatten(operations.properties as Record<string, JsonField>, operations.defaults ?? {});
}
