import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initApi } from './api';
import { watchLogEvents } from './features/log/logStore';
import { watchLoginQuestions } from './features/login/loginStore';
import { watchSessionEvents } from './features/tabs/tabsReload';
import { watchTrustEvents } from './features/trust/trustStore';
import { App } from './App';
import './styles.css';

initApi();
watchTrustEvents();
watchLoginQuestions();
watchLogEvents();
watchSessionEvents();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
