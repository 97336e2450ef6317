// Controller profiles an operator adds or replaces, over the built-in ones: an ingress-nginx
// install with its own controller class, a controller Hopscope does not know, a renamed Envoy
// cluster. Installed once per process by the server (lib/server/controller-profiles.ts); the
// lookups below read them before the built-in list.
import type { GatewayControllerProfile } from './gateway-controllers';
import type { IngressControllerProfile } from './ingress-controllers';

export interface ControllerProfileOverrides {
  ingress: readonly IngressControllerProfile[];
  gateway: readonly GatewayControllerProfile[];
}

const NONE: ControllerProfileOverrides = { ingress: [], gateway: [] };
let installed: ControllerProfileOverrides = NONE;

/** Replaces the overrides of this process (an empty list restores the built-in profiles). */
export function installControllerProfileOverrides(o: ControllerProfileOverrides | null): void {
  installed = o ?? NONE;
}

export function controllerProfileOverrides(): ControllerProfileOverrides {
  return installed;
}

/**
 * A name template's placeholders, `{namespace}`, filled from the values given; an unknown or
 * missing placeholder makes the name unknown (null), never a name with a hole in it.
 */
export function fillTemplate(
  template: string,
  values: Readonly<Record<string, string | undefined>>,
): string | null {
  let missing = false;
  const out = template.replace(/\{([a-zA-Z]+)\}/g, (_m, key: string) => {
    const v = values[key];
    if (v === undefined || v === '') missing = true;
    return v ?? '';
  });
  return missing ? null : out;
}
