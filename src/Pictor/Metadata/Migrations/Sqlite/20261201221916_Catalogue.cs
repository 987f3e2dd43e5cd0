using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictor.Metadata.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Catalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "original_attributes",
                columns: table => new
                {
                    OriginalId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false, collation: "BINARY"),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, collation: "BINARY"),
                    Value = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_original_attributes", x => new { x.OriginalId, x.Key });
                    table.ForeignKey(
                        name: "FK_original_attributes_originals_OriginalId",
                        column: x => x.OriginalId,
                        principalTable: "originals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "original_tags",
                columns: table => new
                {
                    OriginalId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false, collation: "BINARY"),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false, collation: "BINARY")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_original_tags", x => new { x.OriginalId, x.Tag });
                    table.ForeignKey(
                        name: "FK_original_tags_originals_OriginalId",
                        column: x => x.OriginalId,
                        principalTable: "originals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_originals_CreatedAt",
                table: "originals",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_originals_Format",
                table: "originals",
                column: "Format");

            migrationBuilder.CreateIndex(
                name: "IX_original_tags_Tag_OriginalId",
                table: "original_tags",
                columns: new[] { "Tag", "OriginalId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "original_attributes");

            migrationBuilder.DropTable(
                name: "original_tags");

            migrationBuilder.DropIndex(
                name: "IX_originals_CreatedAt",
                table: "originals");

            migrationBuilder.DropIndex(
                name: "IX_originals_Format",
                table: "originals");
        }
    }
}
