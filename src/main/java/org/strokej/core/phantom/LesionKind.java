package org.strokej.core.phantom;

/** Which lesions a {@link PhantomGenerator} puts into a phantom. */
public enum LesionKind {
	/** No lesion: a normal head. */
	NONE,
	/** Hemorrhages only (label 1): IPH, SDH, EDH, SAH, IVH. */
	HEMORRHAGE,
	/** Ischemic infarcts only (label 2): MCA, ACA, PCA territory wedges. */
	ISCHEMIA,
	/** Each lesion independently hemorrhagic or ischemic. */
	MIXED,
	/** One of NONE, HEMORRHAGE, ISCHEMIA, MIXED per phantom, with 1..lesionCount lesions. */
	RANDOM
}
