using System.Diagnostics;

namespace FarmCheck;

/// <summary>
/// Reads the store's database with psql (connection from the standard PG* environment variables: PGHOST, PGPORT,
/// PGDATABASE, PGUSER, PGPASSWORD). Only SELECTs, except for the statement counter of the overhead run
/// </summary>
internal static class Db
{
    public static async Task<List<string[]>> QueryAsync(string sql)
    {
        //the SQL goes through stdin: thousands of values do not fit on a command line
        var start = new ProcessStartInfo("psql", ["-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-f", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("psql did not start");
        await process.StandardInput.WriteAsync(sql.TrimEnd().TrimEnd(';') + ";\n");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"psql failed: {await error}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
    }

    public static async Task<string> ScalarAsync(string sql) => (await QueryAsync(sql)).FirstOrDefault()?[0];

    /// <summary>Order ids and charge ids by order GUID</summary>
    public static async Task<Dictionary<Guid, (int Id, string ChargeId)>> OrdersAsync(IEnumerable<Guid> guids)
    {
        var list = string.Join(",", guids.Select(guid => $"'{guid}'"));
        var rows = await QueryAsync($"select \"OrderGuid\", \"Id\", coalesce(\"AuthorizationTransactionId\", '') from \"Order\" where \"OrderGuid\" in ({list})");
        return rows.ToDictionary(row => Guid.Parse(row[0]), row => (int.Parse(row[1]), row[2]));
    }

    /// <summary>Per order: payment status, "marked as paid" notes, the plugin's "is successful" notes, paid e-mails queued</summary>
    public static async Task<Dictionary<int, OrderCount>> CountsAsync(IEnumerable<int> orderIds)
    {
        var list = string.Join(",", orderIds);
        //aggregated once per table, not per order: a burst counts thousands of orders
        var rows = await QueryAsync($"""
            with o as (select "Id", "PaymentStatusId", "CustomOrderNumber" from "Order" where "Id" in ({list})),
            paid as (select n."OrderId", count(*) c,
                       (max(extract(epoch from n."CreatedOnUtc")) - min(extract(epoch from n."CreatedOnUtc"))) * 1000 spread
                     from "OrderNote" n join o on o."Id" = n."OrderId" where n."Note" = 'Order has been marked as paid' group by n."OrderId"),
            ok as (select n."OrderId", count(*) c from "OrderNote" n join o on o."Id" = n."OrderId"
                   where n."Note" like 'KMA charge % is successful%' group by n."OrderId"),
            mail as (select substring(q."Subject" from 'Order #(\S+) paid') num, count(*) c from "QueuedEmail" q
                     where q."Subject" like '%Order #% paid%' group by 1)
            select o."Id", o."PaymentStatusId", coalesce(paid.c, 0), coalesce(ok.c, 0), coalesce(mail.c, 0), coalesce(paid.spread, 0)
            from o left join paid on paid."OrderId" = o."Id" left join ok on ok."OrderId" = o."Id" left join mail on mail.num = o."CustomOrderNumber"
            """);
        return rows.ToDictionary(row => int.Parse(row[0]), row => new OrderCount(int.Parse(row[1]) == 30, int.Parse(row[2]), int.Parse(row[3]), int.Parse(row[4]),
            double.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture)));
    }
}

/// <summary>What the database shows for one order</summary>
internal sealed record OrderCount(bool Paid, int MarkedPaidNotes, int SuccessfulNotes, int PaidEmails, double NotesSpreadMs);
