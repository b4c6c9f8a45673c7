import type { FC, PropsWithChildren } from "hono/jsx";
import type { User } from "./index";

const Layout: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <html lang="en">
    <head>
      <title>{title}</title>
    </head>
    <body>{children}</body>
  </html>
);

const UserList: FC<{ users: User[] }> = ({ users }) => (
  <ul id="users">
    {users.map((user) => (
      <li data-id={user.id} class={user.admin ? "admin" : undefined}>
        <a href={`/users/${user.id}`}>{user.name}</a>
      </li>
    ))}
  </ul>
);

function UsersPage({ title, users }: { title: string; users: User[] }) {
  const admins = users.filter((u) => u.admin).length;
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <UserList users={users} />
      <p>
        {users.length} users, {admins} admin
      </p>
    </Layout>
  );
}

export const renderUsersPage = (users: User[]) => <UsersPage title="Users" users={users} />;
