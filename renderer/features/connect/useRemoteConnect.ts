import { useState } from 'react';

/**
 * Placeholder: remote connections land with the remote pane. Until then Connect explains itself.
 */
export function useRemoteConnect() {
  const [busy] = useState(false);
  return {
    busy,
    connect: async () => {
      window.alert('Remote connections are not available in this build yet.');
    },
  };
}
