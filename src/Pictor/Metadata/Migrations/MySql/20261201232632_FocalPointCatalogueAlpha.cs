using System;
using Microsoft.EntityFrameworkCore.Migrations;
using MySql.EntityFrameworkCore.Metadata;

#nullable disable

namespace Pictor.Metadata.Migrations.MySql
{
    /// <inheritdoc />
    public partial class FocalPointCatalogueAlpha : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand: the provider's scaffolder recreated the whole schema here (it read the previous
            // snapshot as empty); these are the changes of the SQLite and PostgreSQL migrations FocalPoint,
            // OriginalAlpha and Catalogue, in MySQL's types (the Designer file and the snapshot are as scaffolded).
            migrationBuilder.AlterColumn<string>(
                name: "Variant",
                table: "derived",
                type: "varchar(128)",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "varchar(32)",
                oldMaxLength: 32);

            // Every derived image made before this migration is a pymager fill around the centre, which a focal
            // point set later would have moved: so they all depend on it.
            migrationBuilder.AddColumn<bool>(
                name: "DependsOnFocus",
                table: "derived",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<double>(
                name: "FocusX",
                table: "originals",
                type: "double",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "FocusY",
                table: "originals",
                type: "double",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HasAlpha",
                table: "originals",
                type: "tinyint(1)",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "original_attributes",
                columns: table => new
                {
                    OriginalId = table.Column<string>(type: "varchar(128)", maxLength: 128, nullable: false, collation: "utf8mb4_bin"),
                    Key = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false, collation: "utf8mb4_bin"),
                    Value = table.Column<string>(type: "varchar(1024)", maxLength: 1024, nullable: false)
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
                })
                .Annotation("MySQL:Charset", "utf8mb4");

            migrationBuilder.CreateTable(
                name: "original_tags",
                columns: table => new
                {
                    OriginalId = table.Column<string>(type: "varchar(128)", maxLength: 128, nullable: false, collation: "utf8mb4_bin"),
                    Tag = table.Column<string>(type: "varchar(64)", maxLength: 64, nullable: false, collation: "utf8mb4_bin")
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
                })
                .Annotation("MySQL:Charset", "utf8mb4");

            migrationBuilder.CreateIndex(
                name: "IX_original_tags_Tag_OriginalId",
                table: "original_tags",
                columns: new[] { "Tag", "OriginalId" });

            migrationBuilder.CreateIndex(
                name: "IX_originals_CreatedAt",
                table: "originals",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_originals_Format",
                table: "originals",
                column: "Format");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "original_attributes");
            migrationBuilder.DropTable(name: "original_tags");
            migrationBuilder.DropIndex(name: "IX_originals_CreatedAt", table: "originals");
            migrationBuilder.DropIndex(name: "IX_originals_Format", table: "originals");
            migrationBuilder.DropColumn(name: "DependsOnFocus", table: "derived");
            migrationBuilder.DropColumn(name: "FocusX", table: "originals");
            migrationBuilder.DropColumn(name: "FocusY", table: "originals");
            migrationBuilder.DropColumn(name: "HasAlpha", table: "originals");
            migrationBuilder.AlterColumn<string>(
                name: "Variant",
                table: "derived",
                type: "varchar(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "varchar(128)",
                oldMaxLength: 128);
        }
    }
}
