export default function RecentPage() {
  return <h1>RecentPage</h1>;
}
