import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, Suspense, useState, type ReactNode } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from "react-router";
import { ApiError, appBase } from "./api/client";
import { SessionGate, useSession } from "./session/SessionGate";
import { Layout } from "./shell/Layout";
import { ErrorBoundary } from "./ui/ErrorBoundary";
import { Loading } from "./ui/ErrorMessage";
import { useTitle } from "./ui/useTitle";

// Every page but the shell is its own chunk, loaded when first visited.
const FolderPage = lazy(() => import("./folder/FolderPage"));
const DatasetPage = lazy(() => import("./dataset/DatasetPage"));
const UploadPage = lazy(() => import("./upload/UploadPage"));
const TokensPage = lazy(() => import("./tokens/TokensPage"));
const SearchPage = lazy(() => import("./search/SearchPage"));
const RecentPage = lazy(() => import("./recent/RecentPage"));
const GroupsPage = lazy(() => import("./groups/GroupsPage"));
const GroupPage = lazy(() => import("./groups/GroupPage"));

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // 4xx answers are final; retry only what may pass on a second try.
        retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

function Home() {
  const { session } = useSession();
  return <Navigate to={`/folder/${session.user.home_folder_id}`} replace />;
}

function NotFound() {
  useTitle("No such page");
  return (
    <>
      <h1>No such page</h1>
      <p>There is nothing at this address. Try Home, or the box at the top to find a dataset.</p>
    </>
  );
}

/** Taiga 2's dataset_version/<id> links. */
function VersionRedirect() {
  const { versionId } = useParams();
  return <Navigate to={`/dataset/x/${versionId ?? ""}`} replace />;
}

function Page({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <ErrorBoundary resetKey={location.pathname}>
      <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Home />} />
        <Route path="folder/:folderId" element={<Page><FolderPage /></Page>} />
        <Route path="dataset/:datasetId" element={<Page><DatasetPage /></Page>} />
        <Route path="dataset/:datasetId/:version" element={<Page><DatasetPage /></Page>} />
        <Route path="dataset/:datasetId/:version/:fileName" element={<Page><DatasetPage /></Page>} />
        <Route path="dataset_version/:versionId" element={<VersionRedirect />} />
        <Route path="upload" element={<Page><UploadPage /></Page>} />
        <Route path="tokens" element={<Page><TokensPage /></Page>} />
        <Route path="token" element={<Navigate to="/tokens" replace />} />
        <Route path="search" element={<Page><SearchPage /></Page>} />
        <Route path="recent" element={<Page><RecentPage /></Page>} />
        <Route path="recentlyViewed" element={<Navigate to="/recent" replace />} />
        <Route path="groups" element={<Page><GroupsPage /></Page>} />
        <Route path="group/:groupId" element={<Page><GroupPage /></Page>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const basename = appBase().replace(/\/$/, "") || "/";
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename={basename}>
        <SessionGate>
          <AppRoutes />
        </SessionGate>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
