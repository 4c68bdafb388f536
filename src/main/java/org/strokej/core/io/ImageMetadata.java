package org.strokej.core.io;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a volume came from and how to read its values.
 *
 * @param modality DICOM-style modality: "CT", "MR", "OT" (other) or "" when unknown
 * @param format source format, e.g. "DICOM", "NIfTI-1", "PNG", "TIFF", "phantom"
 * @param valueUnit whether values are HU, windowed 8-bit grey or arbitrary
 * @param orientation axis codes of the original file's voxel axes before reorientation to LPS,
 *          e.g. "RAS" for a typical NIfTI, "LPS" for DICOM axial, "" when unknown
 * @param source the file or folder read, or a description
 * @param extra format-specific facts (series UID, description, ...), sorted by key
 */
public record ImageMetadata(String modality, String format, ValueUnit valueUnit,
	String orientation, String source, Map<String, String> extra)
{
	public ImageMetadata {
		Objects.requireNonNull(modality);
		Objects.requireNonNull(format);
		Objects.requireNonNull(valueUnit);
		Objects.requireNonNull(orientation);
		Objects.requireNonNull(source);
		extra = extra == null ? Map.of() : Map.copyOf(new TreeMap<>(extra));
	}

	public ImageMetadata(String modality, String format, ValueUnit unit, String source) {
		this(modality, format, unit, "", source, Map.of());
	}

	public boolean isHU() { return valueUnit == ValueUnit.HU; }

	public ImageMetadata withSource(String newSource) {
		return new ImageMetadata(modality, format, valueUnit, orientation, newSource, extra);
	}
}
