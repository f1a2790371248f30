// Entry of the explorer bundle: GraphiQL's styles (its fonts are inlined in them), the page's own, and the page.
import 'graphiql/style.css';
import './explorer.css';
import { createRoot } from 'react-dom/client';
import { Explorer } from './explorer';

createRoot(document.getElementById('explorer')!).render(<Explorer />);
