/** The parsed .pconf: each Go field with its value; defaulted ones lighter, marked "default". */
import type { ConfField, PluginConf } from '../../shared/contract.js';
import './PconfFields.css';
import { PluginText } from './PluginText.js';
import { compactJson } from '../lib/jsonShape.js';

const FIELDS: ReadonlyArray<{ field: ConfField; value: (c: PluginConf) => string }> = [
  { field: 'Name', value: (c) => c.name },
  { field: 'NameSpace', value: (c) => c.namespace },
  { field: 'Url', value: (c) => c.url },
  { field: 'Sock', value: (c) => c.sock },
  { field: 'LazyLoad', value: (c) => String(c.lazyLoad) },
];

export function PconfFields({ conf }: { conf: PluginConf }) {
  const extras = Object.entries(conf.extras);
  return (
    <>
      <table className="table fields">
        <tbody>
          {FIELDS.map(({ field, value }) => {
            const defaulted = conf.defaulted.includes(field);
            return (
              <tr key={field} className={defaulted ? 'is-default' : undefined}>
                <th scope="row" className="mono">
                  {field}
                </th>
                <td className="mono">
                  {value(conf) === '' ? <span className="muted">(empty)</span> : <PluginText text={value(conf)} />}
                  {defaulted && <span className="tag tag-default">default</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {extras.length > 0 && (
        <>
          <h4>Extras (keys GoPlug does not use)</h4>
          <table className="table fields">
            <tbody>
              {extras.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row" className="mono">
                    <PluginText text={key} />
                  </th>
                  <td className="mono">
                    <PluginText text={compactJson(value)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
