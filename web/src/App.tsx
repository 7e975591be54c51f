export function App() {
  return <h1>Taiga</h1>;
}
