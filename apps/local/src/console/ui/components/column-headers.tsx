import type { ColumnInfo } from '../../console-api';

/** A result table's header row: each column's name with its Redshift type under it. */
export function ColumnHeaders({ columns }: { columns: readonly ColumnInfo[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th scope="col" key={column.name}>
            {column.name}
            <span class="type">{column.typeName}</span>
          </th>
        ))}
      </tr>
    </thead>
  );
}
