import { useState } from "react";
import { Link } from "react-router";
import { useSession } from "../session/SessionGate";
import { formatDateTime } from "../ui/format";
import { useTitle } from "../ui/useTitle";
import { clearRecent, listRecent } from "./recent";

/** The folders and datasets this browser visited lately, newest first. */
export default function RecentPage() {
  useTitle("Recently viewed");
  const { session } = useSession();
  const [items, setItems] = useState(() => listRecent(session.user.id));
  return (
    <>
      <h1>Recently viewed</h1>
      <p className="hint">Kept in this browser only.</p>
      {items.length === 0 ? (
        <p>Nothing yet: folders and datasets you open appear here.</p>
      ) : (
        <>
          <table className="grid">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Last viewed</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={`${item.kind}-${item.id}`}>
                  <td>
                    <Link to={`/${item.path}`}>{item.name}</Link>
                  </td>
                  <td>{item.kind}</td>
                  <td>{formatDateTime(item.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            onClick={() => {
              clearRecent(session.user.id);
              setItems([]);
            }}
          >
            Clear the list
          </button>
        </>
      )}
    </>
  );
}
