// Entry of the citizen portal.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../common/styles.css';
import { CitizenApp } from './app.tsx';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <CitizenApp />
    </StrictMode>,
  );
}
