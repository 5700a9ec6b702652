export { openRegistry, PluginRegistry, type RegistryOptions } from './registry.js';
