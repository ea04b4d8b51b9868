import { Skeleton, Table } from '@mantine/core'

/** Placeholder rows for a table whose first page is loading. */
export function SkeletonRows({ rows, columns }: { rows: number; columns: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, row) => (
        <Table.Tr key={row}>
          {Array.from({ length: columns }, (_, cell) => (
            <Table.Td key={cell}>
              <Skeleton height={14} />
            </Table.Td>
          ))}
        </Table.Tr>
      ))}
    </>
  )
}
