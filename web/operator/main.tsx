// Entry of the operator console.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../common/styles.css';
import { OperatorApp } from './app.tsx';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <OperatorApp />
    </StrictMode>,
  );
}
