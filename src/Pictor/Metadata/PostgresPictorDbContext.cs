using Microsoft.EntityFrameworkCore;

namespace Pictor.Metadata;

public sealed class PostgresPictorDbContext(DbContextOptions<PostgresPictorDbContext> options) : PictorDbContext(options)
{
    protected override string CaseSensitiveCollation => "C";
}
