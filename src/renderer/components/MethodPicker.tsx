/**
 * The console's method field and what it knows of the method: names offered as you type (the
 * plugin's described methods, or Activate's names), choosing one fills in its example body, and
 * the description of the method in the field is shown below. A plugin not started yet has no
 * methods to offer: it says so and offers to start it.
 */
import type { PluginSnapshot } from '../../shared/contract.js';
import { exampleBody, findName, methodOptions } from '../lib/describedNames.js';
import { useStudio } from '../store/context.js';
import { EMPTY_CONSOLE } from '../store/studioStore.js';
import { NameCombobox } from './NameCombobox.js';
import { PluginText } from './PluginText.js';
import { StartOffer } from './StartOffer.js';
import './MethodPicker.css';

export function MethodPicker({ plugin }: { plugin: PluginSnapshot }) {
  const id = plugin.id;
  const method = useStudio((s) => s.consoles[id]?.method) ?? EMPTY_CONSOLE.method;
  const update = useStudio((s) => s.updateConsole);
  return (
    <NameCombobox
      className="method-input"
      label="Method"
      placeholder="Method"
      value={method}
      options={methodOptions(plugin)}
      onInput={(text) => update(id, { method: text })}
      onChoose={(item) => update(id, { method: item.name, ...exampleBody(item.example) })}
    />
  );
}

/** Below the console's bar: the method's description, or why there are no methods yet. */
export function MethodNotes({ plugin }: { plugin: PluginSnapshot }) {
  const method = useStudio((s) => s.consoles[plugin.id]?.method) ?? EMPTY_CONSOLE.method;
  const item = findName(methodOptions(plugin), method);
  if (plugin.state !== 'started') return <StartOffer plugin={plugin} offered="methods" />;
  return (
    <>
      {plugin.description?.warning !== undefined && (
        <p className="method-note text-warn">
          <PluginText text={plugin.description.warning} />
        </p>
      )}
      {item?.description !== undefined && (
        <p className="method-note method-description" aria-label="Method description">
          <PluginText text={item.description} />
        </p>
      )}
    </>
  );
}
