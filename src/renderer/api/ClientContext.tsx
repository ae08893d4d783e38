import { createContext, useContext } from 'react';
import type { AlmanacClient } from './client.js';

export const ClientContext = createContext<AlmanacClient | null>(null);

export function useClient(): AlmanacClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient: no ClientContext.Provider above this component');
  return client;
}
