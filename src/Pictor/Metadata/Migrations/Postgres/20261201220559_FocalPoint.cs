using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pictor.Metadata.Migrations.Postgres
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
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "FocusY",
                table: "originals",
                type: "double precision",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Variant",
                table: "derived",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            // Every derived image made before this migration is a pymager fill around the centre, which a focal
            // point set later would have moved: so they all depend on it.
            migrationBuilder.AddColumn<bool>(
                name: "DependsOnFocus",
                table: "derived",
                type: "boolean",
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

            migrationBuilder.AlterColumn<string>(
                name: "Variant",
                table: "derived",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128);
        }
    }
}
