export default function DatasetPage() {
  return <h1>DatasetPage</h1>;
}
