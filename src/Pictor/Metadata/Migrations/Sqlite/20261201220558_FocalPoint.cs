using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictor.Metadata.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FocalPoint : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "FocusX",
                table: "originals",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "FocusY",
                table: "originals",
                type: "REAL",
                nullable: true);

            // Every derived image made before this migration is a pymager fill around the centre, which a focal
            // point set later would have moved: so they all depend on it.
            migrationBuilder.AddColumn<bool>(
                name: "DependsOnFocus",
                table: "derived",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FocusX",
                table: "originals");

            migrationBuilder.DropColumn(
                name: "FocusY",
                table: "originals");

            migrationBuilder.DropColumn(
                name: "DependsOnFocus",
                table: "derived");
        }
    }
}
