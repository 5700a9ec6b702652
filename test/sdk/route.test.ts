/** Which method a request target selects, decided as the Go plugin's ServeMux does. */
import { describe, expect, it } from 'vitest';
import { routeRequest } from '../../src/sdk/route.js';

describe('routeRequest', () => {
  it.each([
    ['/Activate', 'Activate'],
    ['/main.Do/extra/stuff?q=1', 'main.Do'],
    ['/Ping/', 'Ping'],
    ['/main%2EDo', 'main.Do'],
    ['http://TestDo/Ping?x=1', 'Ping'],
    ['/a.b~c-d_9', 'a.b~c-d_9'],
    ['/...', '...'],
  ])('%s calls %s', (target, name) => {
    expect(routeRequest(target)).toEqual({ kind: 'call', name });
  });

  it.each([
    ['//Activate', '/Activate'],
    ['/./Ping', '/Ping'],
    ['/a/../Activate?q=1', '/Activate?q=1'],
    ['/Ping//', '/Ping/'],
    ['///x//y/', '/x/y/'],
    ['/.', '/'],
    ['/..', '/'],
  ])('%s is redirected to %s', (target, location) => {
    expect(routeRequest(target)).toEqual({ kind: 'redirect', location });
  });

  it.each(['/', '/?q', '/%zz', '*'])('%s is a bad request', (target) => {
    expect(routeRequest(target)).toEqual({ kind: 'bad' });
  });
});
