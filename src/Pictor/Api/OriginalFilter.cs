using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Pictor.Images;
using Pictor.Metadata;
using Pictor.Originals;
using Pictor.Problems;

namespace Pictor.Api;

/// <summary>
/// The query of <c>GET /original</c>: paging (<c>after</c>, <c>limit</c>) and filters, all of which must match:
/// <c>tag</c> (repeatable), <c>prefix</c> of the ID, <c>format</c>, and the creation time, <c>since</c> inclusive and
/// <c>until</c> exclusive (ISO 8601: a date, which is midnight UTC, or a date and time with <c>Z</c> or an offset;
/// without one, UTC). A bad value is 400 naming its parameter.
/// </summary>
public sealed record OriginalFilter(
    string? After, int Limit, IReadOnlyList<string> Tags, string? Prefix, ImageFormat? Format, DateTime? Since, DateTime? Until)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    public const int MaxTags = 8;

    private static readonly string[] Instants =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static OriginalFilter Parse(IQueryCollection query)
    {
        var after = Single(query, "after");
        var tags = query["tag"];
        if (tags.Count > MaxTags) throw BadParameter("tag", $"at most {MaxTags} tag filters may be given; got {tags.Count}.");
        foreach (var tag in tags)
            if (!CatalogueBounds.IsName(tag)) throw BadParameter("tag", $"each tag is {CatalogueBounds.NameRule}; got '{Truncate(tag)}'.");
        var prefix = Single(query, "prefix");
        if (prefix is not null && !ImageId.TryParse(prefix, out _, out var error)) throw BadParameter("prefix", $"a prefix is the start of an ID: {error}");
        return new OriginalFilter(
            after is null ? null : ImageId.TryParse(after, out var start, out var afterError) ? start.Value : throw BadParameter("after", afterError),
            ParseLimit(Single(query, "limit")),
            tags.Distinct(StringComparer.Ordinal).ToList()!,
            prefix,
            ParseFormat(Single(query, "format")),
            ParseInstant("since", Single(query, "since")),
            ParseInstant("until", Single(query, "until")));
    }

    /// <summary>
    /// The originals that match, from the page's start, in ID order (the caller takes <see cref="Limit"/> + 1).
    /// With a tag, the first one drives the query: a range scan of the (Tag, OriginalId) index, already in ID
    /// order, that stops at the page's end; further tags are probes of the (OriginalId, Tag) key.
    /// </summary>
    public IQueryable<OriginalRecord> Query(PictorDbContext db)
    {
        var originals = db.Originals.AsNoTracking();
        if (Format is { } format)
        {
            var name = format.Name();
            originals = originals.Where(o => o.Format == name);
        }
        if (Since is { } since) originals = originals.Where(o => o.CreatedAt >= since);
        if (Until is { } until) originals = originals.Where(o => o.CreatedAt < until);
        foreach (var tag in Tags.Skip(1)) originals = originals.Where(o => db.Tags.Any(t => t.Tag == tag && t.OriginalId == o.Id));
        if (Tags.Count == 0) return InPage(originals, (OriginalRecord o) => o.Id).OrderBy(o => o.Id);

        var first = Tags[0];
        return InPage(db.Tags.Where(t => t.Tag == first), (OriginalTag t) => t.OriginalId)
            .Join(originals, t => t.OriginalId, o => o.Id, (t, o) => new { t.OriginalId, Original = o })
            .OrderBy(x => x.OriginalId)
            .Select(x => x.Original);
    }

    /// <summary>The rows whose ID is after the cursor and starts with the prefix. IDs are ASCII and ordered by code
    /// point, so those that start with the prefix are the range from it up to (not including) the prefix with its
    /// last character incremented: a range of the index.</summary>
    private IQueryable<T> InPage<T>(IQueryable<T> rows, Expression<Func<T, string>> id)
    {
        if (After is { } after) rows = rows.Where(Compare(id, ExpressionType.GreaterThan, after));
        if (Prefix is { } prefix)
        {
            var end = prefix[..^1] + (char)(prefix[^1] + 1);
            rows = rows.Where(Compare(id, ExpressionType.GreaterThanOrEqual, prefix)).Where(Compare(id, ExpressionType.LessThan, end));
        }
        return rows;
    }

    /// <summary><c>string.Compare(id(row), value) OP 0</c>, which EF translates to <c>column OP @value</c>.</summary>
    private static Expression<Func<T, bool>> Compare<T>(Expression<Func<T, string>> id, ExpressionType op, string value)
    {
        var compare = Expression.Call(
            typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!,
            id.Body, Expression.Field(Expression.Constant(new StrongBox<string>(value)), nameof(StrongBox<string>.Value))); // a parameter, not a literal
        return Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(op, compare, Expression.Constant(0)), id.Parameters);
    }

    private static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count > 1) throw BadParameter(name, "it is given more than once.");
        return values[0] ?? "";
    }

    private static int ParseLimit(string? limit)
    {
        if (limit is null) return DefaultPageSize;
        if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > MaxPageSize)
            throw ProblemException.BadRequest("invalid-paging", $"limit must be a whole number from 1 to {MaxPageSize}; got '{Truncate(limit)}'.");
        return n;
    }

    private static ImageFormat? ParseFormat(string? format)
    {
        if (format is null) return null;
        return ImageFormats.TryFromExtension(format, out var f) ? f
            : throw BadParameter("format", $"'{Truncate(format)}' is not one of jpeg, png, webp, gif, avif, tiff.");
    }

    private static DateTime? ParseInstant(string name, string? value)
    {
        if (value is null) return null;
        if (!DateTimeOffset.TryParseExact(value, Instants, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            throw BadParameter(name, $"'{Truncate(value)}' is not an ISO 8601 date (2026-12-01) or date and time (2026-12-01T10:00:00Z, 2026-12-01T11:00:00+01:00).");
        return instant.UtcDateTime;
    }

    private static ProblemException BadParameter(string parameter, string detail) =>
        ProblemException.BadRequest("invalid-filter", $"{parameter}: {detail}");

    private static string Truncate(string? s) => s is null ? "" : s.Length <= 40 ? s : s[..40] + "…";
}
