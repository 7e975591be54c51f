import { useQuery } from "@tanstack/react-query";
import type { Activity } from "../api/types";
import { ErrorMessage, Loading } from "../ui/ErrorMessage";
import { formatDateTime } from "../ui/format";
import { fetchActivity } from "./datasetApi";

function describe(activity: Activity): string {
  switch (activity.type) {
    case "created":
      return `Created the dataset “${activity.dataset_name ?? ""}”`;
    case "changed_name":
      return `Renamed it to “${activity.dataset_name ?? ""}”`;
    case "changed_description":
      return activity.dataset_description
        ? `Changed the description of version ${activity.dataset_version ?? "?"}`
        : `Removed the description of version ${activity.dataset_version ?? "?"}`;
    case "added_version":
      return `Added version ${activity.dataset_version ?? "?"}`;
    case "started_log":
      return `History starts here (version ${activity.dataset_version ?? "?"})`;
  }
}

/** The dataset's history, newest first, with each entry's details to unfold. */
export function ActivityLog({ datasetId }: { datasetId: string }) {
  const activity = useQuery({ queryKey: ["activity", datasetId], queryFn: () => fetchActivity(datasetId) });
  return (
    <section aria-labelledby="activity">
      <h2 id="activity">Activity</h2>
      {activity.isPending && <Loading what="the activity" />}
      <ErrorMessage error={activity.error} prefix="Could not load the activity" onRetry={() => activity.refetch()} />
      {activity.data?.length === 0 && <p className="muted">No activity recorded yet.</p>}
      {activity.data && activity.data.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {[...activity.data].reverse().map((item) => {
              const details = [
                item.changes_description ? `Changes: ${item.changes_description}` : "",
                item.comments ?? "",
                item.type !== "changed_name" && item.dataset_description ? `Description: ${item.dataset_description}` : "",
              ].filter(Boolean);
              return (
                <tr key={item.id}>
                  <td>{formatDateTime(item.timestamp)}</td>
                  <td>{item.user_name || "unknown"}</td>
                  <td>
                    {describe(item)}
                    {details.length > 0 && (
                      <details>
                        <summary>Details</summary>
                        <pre className="activity-details">{details.join("\n\n")}</pre>
                      </details>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
